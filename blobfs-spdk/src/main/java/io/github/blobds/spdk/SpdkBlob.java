package io.github.blobds.spdk;

import io.github.blobds.blobstore.Blob;
import io.github.blobds.blobstore.BlobId;
import io.github.blobds.blobstore.BlobstoreException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One open handle on an SPDK blob (one of SPDK's open references to it). */
final class SpdkBlob implements Blob {

    private final SpdkBlobstore bs;
    private final BlobId id;
    private final long handle;
    private volatile boolean closed;

    SpdkBlob(SpdkBlobstore bs, BlobId id, long handle) {
        this.bs = bs;
        this.id = id;
        this.handle = handle;
    }

    @Override
    public BlobId id() {
        return id;
    }

    private long[] info(String operation) {
        check(operation);
        long[] out = new long[5];
        Status.check(nativeInfo(handle, out), operation + " of blob " + id);
        return out;
    }

    @Override
    public long numClusters() {
        return info("numClusters")[0];
    }

    @Override
    public long numAllocatedClusters() {
        return info("numAllocatedClusters")[1];
    }

    @Override
    public long numIoUnits() {
        return info("numIoUnits")[2];
    }

    @Override
    public boolean isThinProvisioned() {
        return info("isThinProvisioned")[3] != 0;
    }

    @Override
    public boolean isReadOnly() {
        return info("isReadOnly")[4] != 0;
    }

    @Override
    public void resize(long numClusters) {
        metadata(() -> Status.check(nativeResize(handle, numClusters), "resize blob " + id + " to " + numClusters + " clusters"), "resize");
    }

    @Override
    public void syncMetadata() {
        metadata(() -> Status.check(nativeSync(handle), "sync metadata of blob " + id), "syncMetadata");
    }

    @Override
    public void read(long offset, ByteBuffer dst) {
        check("read");
        int length = dst.remaining();
        if (dst.isDirect()) {
            Status.check(nativeTransfer(bs.handle(), handle, false, offset, dst, dst.position(), length), io("read", offset, length));
        } else {
            ByteBuffer direct = aligned(length);
            Status.check(nativeTransfer(bs.handle(), handle, false, offset, direct, 0, length), io("read", offset, length));
            dst.put(dst.position(), direct, 0, length);
        }
        dst.position(dst.position() + length);
    }

    @Override
    public void write(long offset, ByteBuffer src) {
        check("write");
        int length = src.remaining();
        if (src.isDirect()) {
            Status.check(nativeTransfer(bs.handle(), handle, true, offset, src, src.position(), length), io("write", offset, length));
        } else {
            ByteBuffer direct = aligned(length);
            direct.put(0, src, src.position(), length);
            Status.check(nativeTransfer(bs.handle(), handle, true, offset, direct, 0, length), io("write", offset, length));
        }
        src.position(src.position() + length);
    }

    /** A temporary direct buffer, 4 KiB aligned (what O_DIRECT bdevs need, so the shim need not bounce). */
    private static ByteBuffer aligned(int length) {
        return ByteBuffer.allocateDirect(length + 8192).alignedSlice(4096).slice(0, length);
    }

    private String io(String operation, long offset, int bytes) {
        return operation + " of " + bytes + " bytes at io_unit " + offset + " of blob " + id;
    }

    @Override
    public void writeZeroes(long offset, long length) {
        check("writeZeroes");
        Status.check(nativeClear(bs.handle(), handle, false, offset, length), "writeZeroes of " + length + " io_units at " + offset + " of blob " + id);
    }

    @Override
    public void unmap(long offset, long length) {
        check("unmap");
        Status.check(nativeClear(bs.handle(), handle, true, offset, length), "unmap of " + length + " io_units at " + offset + " of blob " + id);
    }

    @Override
    public void setXattr(String name, byte[] value) {
        metadata(() -> Status.check(nativeSetXattr(handle, name, value), "set xattr \"" + name + "\" (" + value.length + " bytes) of blob " + id), "setXattr");
    }

    @Override
    public byte[] getXattr(String name) {
        check("getXattr");
        int[] status = new int[1];
        byte[] value;
        bs.metadata.lock();
        try {
            value = nativeGetXattr(handle, name, status);
        } finally {
            bs.metadata.unlock();
        }
        Status.check(status[0], "xattr \"" + name + "\" of blob " + id);
        return value;
    }

    @Override
    public void removeXattr(String name) {
        metadata(() -> Status.check(nativeRemoveXattr(handle, name), "remove xattr \"" + name + "\" of blob " + id), "removeXattr");
    }

    @Override
    public List<String> xattrNames() {
        check("xattrNames");
        int[] status = new int[1];
        byte[] joined;
        bs.metadata.lock();
        try {
            joined = nativeXattrNames(handle, status);
        } finally {
            bs.metadata.unlock();
        }
        Status.check(status[0], "xattr names of blob " + id);
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < joined.length; i++) {
            if (joined[i] == 0) {
                names.add(new String(joined, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return List.copyOf(names);
    }

    @Override
    public void setReadOnly() {
        metadata(() -> Status.check(nativeSetReadOnly(handle), "set blob " + id + " read-only"), "setReadOnly");
    }

    @Override
    public void close() {
        bs.metadata.lock();
        try {
            if (closed) {
                return;
            }
            Status.check(nativeClose(handle), "close blob " + id);
            closed = true;
            bs.closed(this);
        } finally {
            bs.metadata.unlock();
        }
    }

    private void metadata(Runnable op, String operation) {
        bs.metadata.lock();
        try {
            check(operation);
            op.run();
        } finally {
            bs.metadata.unlock();
        }
    }

    private void check(String operation) {
        if (closed) {
            throw new BlobstoreException(BlobstoreException.EBADF, operation + " on a closed handle of blob " + id);
        }
        bs.checkOpen(operation);
    }

    @Override
    public String toString() {
        return "SpdkBlob[" + id + (closed ? ", closed" : "") + "]";
    }

    private static native int nativeInfo(long blob, long[] out);

    private static native int nativeResize(long blob, long clusters);

    private static native int nativeSync(long blob);

    private static native int nativeTransfer(long bs, long blob, boolean write, long offset, ByteBuffer buffer, int position, int length);

    private static native int nativeClear(long bs, long blob, boolean unmap, long offset, long length);

    private static native int nativeSetXattr(long blob, String name, byte[] value);

    private static native int nativeRemoveXattr(long blob, String name);

    private static native byte[] nativeGetXattr(long blob, String name, int[] status);

    private static native int nativeSetReadOnly(long blob);

    private static native byte[] nativeXattrNames(long blob, int[] status);

    private static native int nativeClose(long blob);
}
