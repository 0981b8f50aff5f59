package io.github.blobds.sim;

import static io.github.blobds.blobstore.BlobstoreException.EBADF;
import static io.github.blobds.blobstore.BlobstoreException.EINVAL;
import static io.github.blobds.blobstore.BlobstoreException.ENOENT;
import static io.github.blobds.blobstore.BlobstoreException.ENOSPC;
import static io.github.blobds.blobstore.BlobstoreException.EPERM;

import io.github.blobds.blobstore.Blob;
import io.github.blobds.blobstore.BlobId;
import io.github.blobds.blobstore.BlobstoreException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** A handle on an open blob of a {@link SimBlobstore}; every call runs under the blobstore's lock. */
final class SimBlob implements Blob {

    private final SimBlobstore bs;
    private final BlobState state;
    private boolean closed;

    SimBlob(SimBlobstore bs, BlobState state) {
        this.bs = bs;
        this.state = state;
    }

    private <T> T locked(String operation, Supplier<T> action) {
        bs.lock.lock();
        try {
            if (closed) {
                throw new BlobstoreException(EBADF, operation + " on a closed handle of blob " + id());
            }
            bs.checkOpen(operation);
            return action.get();
        } finally {
            bs.lock.unlock();
        }
    }

    private void locked(String operation, Runnable action) {
        locked(operation, () -> {
            action.run();
            return null;
        });
    }

    private BlobMetadata md() {
        return state.md;
    }

    @Override
    public BlobId id() {
        return new BlobId(state.md.id);
    }

    @Override
    public long numClusters() {
        return locked("numClusters", () -> md().numClusters);
    }

    @Override
    public long numAllocatedClusters() {
        return locked("numAllocatedClusters", () -> md().allocatedClusters());
    }

    @Override
    public long numIoUnits() {
        return locked("numIoUnits", () -> md().numClusters * (bs.clusterSize / bs.ioUnitSize));
    }

    @Override
    public boolean isThinProvisioned() {
        return locked("isThinProvisioned", () -> md().isThin());
    }

    @Override
    public boolean isReadOnly() {
        return locked("isReadOnly", () -> md().dataRo);
    }

    @Override
    public void resize(long numClusters) {
        locked("resize", () -> bs.resize(state, numClusters));
    }

    @Override
    public void syncMetadata() {
        locked("syncMetadata", this::sync);
    }

    private void sync() {
        if (md().mdRo || !state.dirty) {
            return;
        }
        bs.persist(state);
    }

    @Override
    public void setReadOnly() {
        locked("setReadOnly", () -> {
            md().dataRoFlags |= BlobMetadata.READ_ONLY;
            state.dirty = true;
        });
    }

    // ------------------------------------------------------------------ xattrs

    @Override
    public void setXattr(String name, byte[] value) {
        locked("setXattr", () -> {
            if (name == null || value == null) {
                throw new BlobstoreException(EINVAL, "xattr name and value must not be null (blob " + id() + ")");
            }
            if (md().mdRo) {
                throw new BlobstoreException(EPERM, "blob " + id() + " is read-only: cannot set xattr " + name);
            }
            SimBlobstore.checkXattrSize(name, value);
            md().xattrs.put(name, value.clone());
            state.dirty = true;
        });
    }

    @Override
    public byte[] getXattr(String name) {
        return locked("getXattr", () -> {
            byte[] v = md().xattrs.get(name);
            if (v == null) {
                throw new BlobstoreException(ENOENT, "blob " + id() + " has no xattr " + name);
            }
            return v.clone();
        });
    }

    @Override
    public void removeXattr(String name) {
        locked("removeXattr", () -> {
            if (md().mdRo) {
                throw new BlobstoreException(EPERM, "blob " + id() + " is read-only: cannot remove xattr " + name);
            }
            if (md().xattrs.remove(name) == null) {
                throw new BlobstoreException(ENOENT, "blob " + id() + " has no xattr " + name);
            }
            state.dirty = true;
        });
    }

    @Override
    public List<String> xattrNames() {
        return locked("xattrNames", () -> List.copyOf(new ArrayList<>(md().xattrs.keySet())));
    }

    // ------------------------------------------------------------------ I/O

    private long ioUnitsPerCluster() {
        return bs.clusterSize / bs.ioUnitSize;
    }

    /** Checks an I/O of {@code bytes} at io_unit {@code offset}; returns its length in io_units. */
    private long checkIo(String op, long offset, long bytes, boolean write) {
        if (bytes % bs.ioUnitSize != 0) {
            throw new BlobstoreException(EINVAL, op + " of " + bytes + " bytes on blob " + id() + " is not a whole number of "
                    + bs.ioUnitSize + "-byte io_units");
        }
        return checkRange(op, offset, bytes / bs.ioUnitSize, write);
    }

    /** SPDK's order of checks: read-only, then an empty transfer succeeds wherever it is, then the range. */
    private long checkRange(String op, long offset, long length, boolean write) {
        if (write && md().dataRo) {
            throw new BlobstoreException(EPERM, op + " on read-only blob " + id());
        }
        if (length == 0) {
            return 0;
        }
        long size = md().numClusters * ioUnitsPerCluster();
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw new BlobstoreException(EINVAL, op + " of io_units [" + offset + ", " + (offset + length) + ") is outside blob "
                    + id() + " of " + size + " io_units");
        }
        return length;
    }

    /** Device LBA of io_unit {@code unit} of the blob, or -1 when its cluster is unallocated. */
    private long lba(long unit) {
        long c = md().clusters[(int) (unit / ioUnitsPerCluster())];
        if (c == 0) {
            return -1;
        }
        long byteOffset = c * bs.clusterSize + (unit % ioUnitsPerCluster()) * bs.ioUnitSize;
        return byteOffset / bs.dev.blockSize();
    }

    @Override
    public void read(long offset, ByteBuffer dst) {
        locked("read", () -> {
            long length = checkIo("read", offset, dst.remaining(), false);
            long unit = offset;
            long end = offset + length;
            while (unit < end) {
                long n = Math.min(end - unit, ioUnitsPerCluster() - unit % ioUnitsPerCluster());
                int bytes = (int) (n * bs.ioUnitSize);
                ByteBuffer piece = dst.slice(dst.position(), bytes);
                long lba = lba(unit);
                if (lba < 0) {
                    while (piece.hasRemaining()) {
                        piece.put((byte) 0);
                    }
                } else {
                    bs.dev.read(lba, piece);
                }
                dst.position(dst.position() + bytes);
                unit += n;
            }
        });
    }

    @Override
    public void write(long offset, ByteBuffer src) {
        locked("write", () -> {
            long length = checkIo("write", offset, src.remaining(), true);
            forEachCluster(offset, length, true, (lba, n) -> {
                int bytes = (int) (n * bs.ioUnitSize);
                bs.dev.write(lba, src.slice(src.position(), bytes));
                src.position(src.position() + bytes);
            });
        });
    }

    @Override
    public void writeZeroes(long offset, long length) {
        locked("writeZeroes", () -> {
            checkRange("writeZeroes", offset, length, true);
            forEachCluster(offset, length, true, (lba, n) -> bs.dev.writeZeroes(lba, n * bs.ioUnitSize / bs.dev.blockSize()));
        });
    }

    @Override
    public void unmap(long offset, long length) {
        locked("unmap", () -> {
            checkRange("unmap", offset, length, true);
            long unit = offset;
            long end = offset + length;
            while (unit < end) {
                long inCluster = unit % ioUnitsPerCluster();
                long n = Math.min(end - unit, ioUnitsPerCluster() - inCluster);
                long lba = lba(unit);
                if (lba >= 0) {
                    bs.dev.unmap(lba, n * bs.ioUnitSize / bs.dev.blockSize());
                    if (md().isThin() && inCluster == 0 && n == ioUnitsPerCluster()) {
                        releaseCluster((int) (unit / ioUnitsPerCluster()));
                    }
                }
                unit += n;
            }
        });
    }

    /** A thin blob's whole-cluster unmap: rewrite the map without the cluster, then free it. */
    private void releaseCluster(int blobCluster) {
        BlobMetadata md = md();
        long cluster = md.clusters[blobCluster];
        md.clusters[blobCluster] = 0;
        bs.markDirty();
        if (md.useExtentTable) {
            int slot = blobCluster / BlobMetadata.EXTENTS_PER_EP;
            bs.writeMdPage(md.extentPages[slot], md.serializeExtentPage(slot));
        } else {
            state.dirty = true;
            bs.persist(state);
        }
        bs.dev.flush(); // the map without the cluster is durable before anyone can reuse it
        bs.usedClusters.clear((int) cluster);
    }

    private interface Segment {
        void apply(long lba, long ioUnits);
    }

    /** Splits [offset, offset+length) at cluster boundaries, allocating thin clusters first when {@code allocate}. */
    private void forEachCluster(long offset, long length, boolean allocate, Segment segment) {
        long unit = offset;
        long end = offset + length;
        while (unit < end) {
            long n = Math.min(end - unit, ioUnitsPerCluster() - unit % ioUnitsPerCluster());
            long lba = lba(unit);
            if (lba < 0 && allocate) {
                allocateThin((int) (unit / ioUnitsPerCluster()));
                lba = lba(unit);
            }
            segment.apply(lba, n);
            unit += n;
        }
    }

    /**
     * SPDK's thin allocation on first write: claim the lowest free cluster, then with an extent table
     * write the extent page (a new one also re-persists the blob's metadata), with run-length extents
     * re-persist the metadata; only then does the write run, so it is durable with its allocation.
     */
    private void allocateThin(int blobCluster) {
        BlobMetadata md = md();
        if (bs.usedClusters.nextClearBit(0) >= bs.totalClusters) {
            throw new BlobstoreException(ENOSPC, "no free cluster to allocate for thin blob " + id());
        }
        bs.markDirty();
        int slot = blobCluster / BlobMetadata.EXTENTS_PER_EP;
        boolean newExtentPage = md.useExtentTable && md.extentPages[slot] == 0;
        bs.allocateCluster(md, blobCluster, 0);
        if (md.useExtentTable) {
            bs.writeMdPage(md.extentPages[slot], md.serializeExtentPage(slot));
            if (newExtentPage) {
                bs.dev.flush();
                state.dirty = true;
                bs.persist(state);
            }
        } else {
            state.dirty = true;
            bs.persist(state);
        }
    }

    @Override
    public void close() {
        bs.lock.lock();
        try {
            if (closed) {
                return;
            }
            if (!md().mdRo && state.dirty) {
                bs.checkOpen("close");
                bs.persist(state);
            }
            closed = true;
            bs.release(state);
        } finally {
            bs.lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Blob(" + id() + ")";
    }
}
