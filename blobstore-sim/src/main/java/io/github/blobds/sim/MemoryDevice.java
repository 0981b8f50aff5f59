package io.github.blobds.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A block device in memory, like SPDK's malloc bdev. Storage is sparse: 1 MiB chunks are allocated on
 * first write, so a large device that is mostly unmapped costs little. Unmapped blocks read as
 * zeroes. Everything is "durable" at once; {@link #flush()} does nothing.
 */
public final class MemoryDevice implements BlockDevice {

    private static final int CHUNK = 1 << 20;

    private final int blockSize;
    private final long blockCount;
    private final byte[][] chunks;
    private volatile boolean closed;

    /** A zeroed device of {@code blockCount} blocks of {@code blockSize} (512 or 4096) bytes. */
    public MemoryDevice(long blockCount, int blockSize) {
        DeviceChecks.blockSize(blockSize);
        this.blockSize = blockSize;
        this.blockCount = blockCount;
        long bytes = blockCount * blockSize;
        this.chunks = new byte[Math.toIntExact((bytes + CHUNK - 1) / CHUNK)][];
    }

    /** A device of {@code bytes} bytes (a multiple of the block size). */
    public static MemoryDevice ofBytes(long bytes, int blockSize) {
        DeviceChecks.blockSize(blockSize);
        return new MemoryDevice(bytes / blockSize, blockSize);
    }

    /** A device holding an image read from {@code in} (for example an unpacked SPDK image). */
    public static MemoryDevice fromImage(InputStream in, long bytes, int blockSize) {
        MemoryDevice dev = ofBytes(bytes, blockSize);
        byte[] buf = new byte[CHUNK];
        long pos = 0;
        try {
            while (pos < bytes) {
                int n = in.readNBytes(buf, 0, (int) Math.min(CHUNK, bytes - pos));
                if (n == 0) {
                    break;
                }
                if (!isZero(buf, n)) {
                    dev.copy(pos, ByteBuffer.wrap(buf, 0, n), true);
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dev;
    }

    private static boolean isZero(byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int blockSize() {
        return blockSize;
    }

    @Override
    public long blockCount() {
        return blockCount;
    }

    @Override
    public void read(long lba, ByteBuffer dst) {
        DeviceChecks.open(this, closed, "read");
        DeviceChecks.range(this, lba, dst.remaining(), blockSize, blockCount);
        copy(lba * blockSize, dst, false);
    }

    @Override
    public void write(long lba, ByteBuffer src) {
        DeviceChecks.open(this, closed, "write");
        DeviceChecks.range(this, lba, src.remaining(), blockSize, blockCount);
        copy(lba * blockSize, src, true);
    }

    private void copy(long pos, ByteBuffer buf, boolean toDevice) {
        while (buf.hasRemaining()) {
            int chunk = (int) (pos / CHUNK);
            int off = (int) (pos % CHUNK);
            int n = Math.min(buf.remaining(), CHUNK - off);
            byte[] c = chunks[chunk];
            if (toDevice) {
                if (c == null) {
                    synchronized (chunks) {
                        c = chunks[chunk];
                        if (c == null) {
                            c = new byte[CHUNK];
                            chunks[chunk] = c;
                        }
                    }
                }
                buf.get(c, off, n);
            } else if (c == null) {
                for (int i = 0; i < n; i++) {
                    buf.put((byte) 0);
                }
            } else {
                buf.put(c, off, n);
            }
            pos += n;
        }
    }

    @Override
    public void writeZeroes(long lba, long count) {
        DeviceChecks.open(this, closed, "writeZeroes");
        DeviceChecks.blocks(this, lba, count, blockCount);
        long pos = lba * blockSize;
        long end = pos + count * blockSize;
        while (pos < end) {
            int chunk = (int) (pos / CHUNK);
            int off = (int) (pos % CHUNK);
            int n = (int) Math.min(end - pos, CHUNK - off);
            byte[] c = chunks[chunk];
            if (c != null) {
                if (n == CHUNK) {
                    chunks[chunk] = null;
                } else {
                    Arrays.fill(c, off, off + n, (byte) 0);
                }
            }
            pos += n;
        }
    }

    @Override
    public void unmap(long lba, long count) {
        writeZeroes(lba, count);
    }

    @Override
    public void flush() {
        DeviceChecks.open(this, closed, "flush");
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "MemoryDevice(" + blockCount + " x " + blockSize + ")";
    }
}
