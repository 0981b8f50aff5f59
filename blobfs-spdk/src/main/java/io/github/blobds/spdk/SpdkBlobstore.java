package io.github.blobds.spdk;

import io.github.blobds.blobstore.Blob;
import io.github.blobds.blobstore.BlobId;
import io.github.blobds.blobstore.BlobOptions;
import io.github.blobds.blobstore.Blobstore;
import io.github.blobds.blobstore.BlobstoreException;
import io.github.blobds.blobstore.BlobstoreOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * SPDK's Blobstore on a bdev of a running {@link SpdkEnvironment}, through the JNI shim: the same SPI,
 * semantics and errnos as the simulator, because it is SPDK. Every call blocks the calling thread
 * while SPDK's thread runs the operation; metadata operations are serialised, data I/O is not.
 *
 * <p>Data I/O goes straight from and to direct {@link java.nio.ByteBuffer}s; heap buffers are copied
 * through a temporary direct one. (NVMe needs DMA-able memory, which neither is: on NVMe bdevs use
 * malloc or aio bdevs for now.) {@link #flush()} is a flush of the whole bdev (fdatasync for aio).
 *
 * <p>{@link #close()} unloads cleanly and fails with {@code EBUSY} while a blob is open; the bdev stays
 * registered (delete it with {@link SpdkEnvironment#deleteBdev}). After close, calls fail with {@code EIO}.
 */
public final class SpdkBlobstore implements Blobstore {

    private final SpdkEnvironment env;
    private final String bdev;
    private final long handle;
    private final String bstype;
    private final long clusterSize;
    private final int ioUnitSize;
    private final int pageSize;
    final ReentrantLock metadata = new ReentrantLock();
    private final List<SpdkBlob> open = new ArrayList<>();
    private boolean closed;

    private SpdkBlobstore(SpdkEnvironment env, String bdev, long handle) {
        this.env = env;
        this.bdev = bdev;
        this.handle = handle;
        this.bstype = nativeBstype(handle);
        long[] info = info();
        this.clusterSize = info[0];
        this.ioUnitSize = (int) info[1];
        this.pageSize = (int) info[2];
    }

    /** Formats the bdev as a new Blobstore (SPDK's {@code spdk_bs_init}). */
    public static SpdkBlobstore init(SpdkEnvironment env, String bdev, BlobstoreOptions options) {
        return start(env, bdev, options, true);
    }

    /** Loads the Blobstore on the bdev (SPDK's {@code spdk_bs_load}); a {@code ""} bstype accepts any. */
    public static SpdkBlobstore load(SpdkEnvironment env, String bdev, BlobstoreOptions options) {
        return start(env, bdev, options, false);
    }

    private static SpdkBlobstore start(SpdkEnvironment env, String bdev, BlobstoreOptions options, boolean init) {
        env.checkOpen();
        long[] out = new long[1];
        int rc = nativeInitOrLoad(bdev, init, options.clusterSize(), options.numMdPages(), options.clearMethod().ordinal(),
                options.forceRecover(), options.bstype().getBytes(StandardCharsets.US_ASCII), out);
        Status.check(rc, (init ? "init" : "load") + " Blobstore on bdev " + bdev
                + (options.bstype().isEmpty() ? "" : " (bstype \"" + options.bstype() + "\")"));
        SpdkBlobstore bs = new SpdkBlobstore(env, bdev, out[0]);
        env.register(bs);
        return bs;
    }

    /** The bdev it lives on. */
    public String bdev() {
        return bdev;
    }

    private long[] info() {
        long[] out = new long[5];
        Status.check(nativeInfo(handle, out), "Blobstore on bdev " + bdev);
        return out;
    }

    @Override
    public long clusterSize() {
        return clusterSize;
    }

    @Override
    public int ioUnitSize() {
        return ioUnitSize;
    }

    @Override
    public int pageSize() {
        return pageSize;
    }

    @Override
    public long totalDataClusters() {
        checkOpen("totalDataClusters");
        return info()[3];
    }

    @Override
    public long freeClusters() {
        checkOpen("freeClusters");
        return info()[4];
    }

    @Override
    public String bstype() {
        return bstype;
    }

    @Override
    public BlobId create(BlobOptions options) {
        List<Map.Entry<String, byte[]>> xattrs = options.xattrs();
        String[] names = new String[xattrs.size()];
        byte[][] values = new byte[xattrs.size()][];
        for (int i = 0; i < names.length; i++) {
            names[i] = xattrs.get(i).getKey();
            values[i] = xattrs.get(i).getValue();
        }
        long[] out = new long[1];
        metadata.lock();
        try {
            checkOpen("create");
            Status.check(nativeCreate(handle, options.numClusters(), options.thinProvision(), options.clearMethod().code(),
                    options.useExtentTable(), names, values, out), "create blob of " + options.numClusters() + " clusters");
        } finally {
            metadata.unlock();
        }
        return new BlobId(out[0]);
    }

    @Override
    public Blob open(BlobId id) {
        long[] out = new long[1];
        metadata.lock();
        try {
            checkOpen("open");
            Status.check(nativeOpen(handle, id.value(), out), "open blob " + id);
            SpdkBlob blob = new SpdkBlob(this, id, out[0]);
            open.add(blob);
            return blob;
        } finally {
            metadata.unlock();
        }
    }

    /** Called by a handle as it closes, under {@link #metadata}. */
    void closed(SpdkBlob blob) {
        open.remove(blob);
    }

    @Override
    public void delete(BlobId id) {
        metadata.lock();
        try {
            checkOpen("delete");
            Status.check(nativeDelete(handle, id.value()), "delete blob " + id);
        } finally {
            metadata.unlock();
        }
    }

    @Override
    public List<BlobId> blobIds() {
        int[] status = new int[1];
        long[] ids;
        metadata.lock();
        try {
            checkOpen("blobIds");
            ids = nativeBlobIds(handle, status);
        } finally {
            metadata.unlock();
        }
        Status.check(status[0], "iterate blobs");
        List<BlobId> list = new ArrayList<>(ids.length);
        for (long id : ids) {
            list.add(new BlobId(id));
        }
        list.sort(null);
        return List.copyOf(list);
    }

    @Override
    public void setSuperBlob(BlobId id) {
        metadata.lock();
        try {
            checkOpen("setSuperBlob");
            Status.check(nativeSetSuper(handle, id.value()), "set super blob " + id);
        } finally {
            metadata.unlock();
        }
    }

    @Override
    public Optional<BlobId> superBlob() {
        long[] out = new long[1];
        int rc;
        metadata.lock();
        try {
            checkOpen("superBlob");
            rc = nativeGetSuper(handle, out);
        } finally {
            metadata.unlock();
        }
        if (rc == BlobstoreException.ENOENT) {
            return Optional.empty();
        }
        Status.check(rc, "get super blob");
        return Optional.of(new BlobId(out[0]));
    }

    @Override
    public void flush() {
        checkOpen("flush");
        Status.check(nativeFlush(handle), "flush bdev " + bdev);
    }

    @Override
    public void close() {
        metadata.lock();
        try {
            if (closed) {
                return;
            }
            if (!open.isEmpty()) {
                throw new BlobstoreException(BlobstoreException.EBUSY, "cannot unload the Blobstore on bdev " + bdev + ": blobs "
                        + open.stream().map(b -> b.id().toString()).distinct().toList() + " are open");
            }
            Status.check(nativeUnload(handle), "unload the Blobstore on bdev " + bdev);
            closed = true;
        } finally {
            metadata.unlock();
        }
        env.unregister(this);
    }

    /** For {@link SpdkEnvironment#close()}: closes every open handle, then unloads. */
    void shutdown() {
        List<SpdkBlob> handles;
        metadata.lock();
        try {
            handles = new ArrayList<>(open);
        } finally {
            metadata.unlock();
        }
        for (SpdkBlob b : handles) {
            b.close();
        }
        close();
    }

    long handle() {
        return handle;
    }

    void checkOpen(String operation) {
        if (closed) {
            throw new BlobstoreException(BlobstoreException.EIO, operation + " on an unloaded Blobstore (bdev " + bdev + ")");
        }
    }

    @Override
    public String toString() {
        return "SpdkBlobstore[bdev " + bdev + (bstype.isEmpty() ? "" : ", bstype " + bstype) + (closed ? ", closed" : "") + "]";
    }

    private static native int nativeInitOrLoad(String bdev, boolean init, long clusterSize, long mdPages, int clearMethod,
            boolean forceRecover, byte[] bstype, long[] out);

    private static native int nativeInfo(long bs, long[] out);

    private static native String nativeBstype(long bs);

    private static native int nativeCreate(long bs, long clusters, boolean thin, int clearMethod, boolean extentTable,
            String[] names, byte[][] values, long[] out);

    private static native int nativeOpen(long bs, long id, long[] out);

    private static native int nativeDelete(long bs, long id);

    private static native long[] nativeBlobIds(long bs, int[] status);

    private static native int nativeSetSuper(long bs, long id);

    private static native int nativeGetSuper(long bs, long[] out);

    private static native int nativeFlush(long bs);

    private static native int nativeUnload(long bs);
}
