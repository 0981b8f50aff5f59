package io.github.blobds.cli;

import io.github.blobds.blobstore.BlobstoreException;
import io.github.blobds.sim.BlockDevice;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A Blobstore image opened for looking only: reads come from the file (or, for a {@code .gz} file, from
 * its content decompressed in memory), and writes — a load's recovery, a clean unload — land in memory,
 * so inspecting and checking an image never changes it. {@link #written} tells what a load would write.
 */
final class ReadOnlyImage implements BlockDevice {

    /** Compressed images are decompressed in memory up to this size. */
    static final long MAX_GZ_BYTES = 1L << 30;

    private final Path path;
    private final FileChannel channel;
    private final byte[] bytes;
    private final int blockSize;
    private final long blockCount;
    private final Map<Long, byte[]> written = new HashMap<>();
    private boolean closed;

    private ReadOnlyImage(Path path, FileChannel channel, byte[] bytes, long length, int blockSize) {
        this.path = path;
        this.channel = channel;
        this.bytes = bytes;
        this.blockSize = blockSize;
        this.blockCount = length / blockSize;
    }

    /** The image at {@code path}; {@code blockSize} 0 takes the super block's io_unit size (512 or 4096). */
    static ReadOnlyImage open(Path path, int blockSize) {
        if (!Files.isRegularFile(path)) {
            throw new CliException("image " + path + " does not exist or is not a file");
        }
        try {
            FileChannel ch = null;
            byte[] content = null;
            long length;
            if (path.getFileName().toString().endsWith(".gz")) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(path))) {
                    content = in.readNBytes((int) Math.min(MAX_GZ_BYTES + 1, Integer.MAX_VALUE - 8));
                }
                if (content.length > MAX_GZ_BYTES) {
                    throw new CliException("image " + path + " decompresses to more than 1 GiB: decompress it to a file first");
                }
                length = content.length;
            } else {
                ch = FileChannel.open(path, StandardOpenOption.READ);
                length = ch.size();
            }
            int bs = blockSize != 0 ? blockSize : ioUnitSize(path, ch, content);
            if (length < 4096 || length % bs != 0) {
                if (ch != null) {
                    ch.close();
                }
                throw new CliException("image " + path + " is " + length + " bytes, not a whole number of " + bs
                        + "-byte blocks holding a super block");
            }
            return new ReadOnlyImage(path, ch, content, length, bs);
        } catch (IOException e) {
            throw new CliException("cannot read image " + path + ": " + e, e);
        }
    }

    private static int ioUnitSize(Path path, FileChannel ch, byte[] content) throws IOException {
        ByteBuffer page = ByteBuffer.allocate(4096);
        if (ch != null) {
            ch.read(page, 0);
        } else {
            page.put(content, 0, Math.min(4096, content.length));
        }
        int ioUnit = page.order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(88);
        return ioUnit == 512 ? 512 : 4096;
    }

    Path path() {
        return path;
    }

    /** Whether anything was written (kept in memory). */
    boolean written() {
        return !written.isEmpty();
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
        long count = check(lba, dst.remaining(), "read");
        for (long i = 0; i < count; i++) {
            byte[] block = written.get(lba + i);
            if (block != null) {
                dst.put(block);
            } else {
                readFromImage((lba + i) * blockSize, dst.slice(dst.position(), blockSize));
                dst.position(dst.position() + blockSize);
            }
        }
    }

    private void readFromImage(long pos, ByteBuffer dst) {
        if (bytes != null) {
            dst.put(bytes, (int) pos, blockSize);
            return;
        }
        try {
            while (dst.hasRemaining()) {
                if (channel.read(dst, pos + dst.position()) < 0) {
                    while (dst.hasRemaining()) {
                        dst.put((byte) 0);
                    }
                }
            }
        } catch (IOException e) {
            throw new BlobstoreException(BlobstoreException.EIO, this + ": read at byte " + pos + " failed: " + e, e);
        }
    }

    @Override
    public void write(long lba, ByteBuffer src) {
        long count = check(lba, src.remaining(), "write");
        for (long i = 0; i < count; i++) {
            byte[] block = new byte[blockSize];
            src.get(block);
            written.put(lba + i, block);
        }
    }

    @Override
    public void writeZeroes(long lba, long count) {
        check(lba, count * blockSize, "writeZeroes");
        for (long i = 0; i < count; i++) {
            written.put(lba + i, new byte[blockSize]);
        }
    }

    @Override
    public void unmap(long lba, long count) {
        writeZeroes(lba, count);
    }

    @Override
    public void flush() {
        check(0, 0, "flush");
    }

    private long check(long lba, long length, String op) {
        if (closed) {
            throw new BlobstoreException(BlobstoreException.EIO, this + ": " + op + " after close");
        }
        if (length % blockSize != 0 || lba < 0 || lba > blockCount - length / blockSize) {
            throw new BlobstoreException(BlobstoreException.EINVAL, this + ": " + op + " of " + length + " bytes at lba " + lba
                    + " is not whole blocks inside the device of " + blockCount + " blocks");
        }
        return length / blockSize;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            throw new BlobstoreException(BlobstoreException.EIO, this + ": close failed: " + e, e);
        }
    }

    @Override
    public String toString() {
        return "image " + path;
    }
}
