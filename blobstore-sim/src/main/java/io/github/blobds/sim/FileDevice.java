package io.github.blobds.sim;

import io.github.blobds.blobstore.BlobstoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A block device on a file, like SPDK's aio bdev: positional reads and writes, {@link #flush()} is
 * {@code FileChannel.force(false)} ({@code fdatasync}: the data and what the file system needs to read it
 * back, such as newly allocated blocks of a sparse image, but not the file's timestamps — the image's
 * length never changes). Unmap and write-zeroes write zeroes. The file's length is the
 * device size; an image written here opens in SPDK through an aio bdev with the same block size.
 *
 * <p>The device holds an exclusive lock on its file ({@code fcntl}, advisory) while it is open, so that
 * another process opening it fails with {@code EBUSY} instead of writing under a Blobstore loaded here.
 * Devices of one process are not kept from each other (POSIX locks belong to the process; closing any
 * channel on the file drops them, so keep one device per image).
 */
public final class FileDevice implements BlockDevice {

    private final Path path;
    private final int blockSize;
    private final long blockCount;
    private final FileChannel channel;
    private volatile boolean closed;

    private FileDevice(Path path, int blockSize, long blockCount, FileChannel channel) {
        this.path = path;
        this.blockSize = blockSize;
        this.blockCount = blockCount;
        this.channel = channel;
    }

    /** Creates (or truncates) {@code path} as a sparse, zeroed device of {@code bytes} bytes. */
    public static FileDevice create(Path path, long bytes, int blockSize) {
        DeviceChecks.blockSize(blockSize);
        try {
            FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            lock(ch, path); // before truncating: never under another opener
            ch.truncate(0);
            if (bytes > 0) {
                ch.write(ByteBuffer.allocate(1), bytes - 1);
            }
            return new FileDevice(path, blockSize, bytes / blockSize, ch);
        } catch (IOException e) {
            throw new BlobstoreException(BlobstoreException.EIO, "cannot create device file " + path + ": " + e, e);
        }
    }

    /** Opens an existing device file; its length must be a multiple of {@code blockSize}. */
    public static FileDevice open(Path path, int blockSize) {
        DeviceChecks.blockSize(blockSize);
        try {
            FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            lock(ch, path);
            long size = ch.size();
            if (size % blockSize != 0) {
                ch.close();
                throw new BlobstoreException(BlobstoreException.EINVAL,
                        "device file " + path + " is " + size + " bytes, not a multiple of the block size " + blockSize);
            }
            return new FileDevice(path, blockSize, size / blockSize, ch);
        } catch (IOException e) {
            throw new BlobstoreException(BlobstoreException.EIO, "cannot open device file " + path + ": " + e, e);
        }
    }

    /**
     * Takes the file's exclusive lock, or closes the channel and fails when another process holds it. A
     * device of this process already holding it is let through: within one process the application
     * coordinates its devices (a device left open after its Blobstore closed must not block a reload).
     */
    private static void lock(FileChannel ch, Path path) throws IOException {
        try {
            if (ch.tryLock() != null) {
                return;
            }
        } catch (OverlappingFileLockException e) {
            return;
        }
        ch.close();
        throw new BlobstoreException(BlobstoreException.EBUSY, "device file " + path + " is in use: another process has it open"
                + " (locked); one Blobstore at a time per image");
    }

    /** The device's file. */
    public Path path() {
        return path;
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
        long pos = lba * blockSize;
        try {
            while (dst.hasRemaining()) {
                int n = channel.read(dst, pos);
                if (n < 0) {
                    while (dst.hasRemaining()) {
                        dst.put((byte) 0);
                    }
                    break;
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new BlobstoreException(BlobstoreException.EIO, this + ": read at lba " + lba + " failed: " + e, e);
        }
    }

    @Override
    public void write(long lba, ByteBuffer src) {
        DeviceChecks.open(this, closed, "write");
        DeviceChecks.range(this, lba, src.remaining(), blockSize, blockCount);
        long pos = lba * blockSize;
        try {
            while (src.hasRemaining()) {
                pos += channel.write(src, pos);
            }
        } catch (IOException e) {
            throw new BlobstoreException(BlobstoreException.EIO, this + ": write at lba " + lba + " failed: " + e, e);
        }
    }

    @Override
    public void writeZeroes(long lba, long count) {
        DeviceChecks.open(this, closed, "writeZeroes");
        DeviceChecks.blocks(this, lba, count, blockCount);
        ByteBuffer zeroes = ByteBuffer.allocate((int) Math.min(count * blockSize, 1 << 20));
        long done = 0;
        while (done < count) {
            long n = Math.min(count - done, zeroes.capacity() / blockSize);
            zeroes.clear().limit((int) (n * blockSize));
            write(lba + done, zeroes);
            done += n;
        }
    }

    @Override
    public void unmap(long lba, long count) {
        writeZeroes(lba, count);
    }

    @Override
    public void flush() {
        DeviceChecks.open(this, closed, "flush");
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new BlobstoreException(BlobstoreException.EIO, this + ": flush failed: " + e, e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            throw new BlobstoreException(BlobstoreException.EIO, this + ": close failed: " + e, e);
        }
    }

    @Override
    public String toString() {
        return "FileDevice(" + path + ", " + blockSize + ")";
    }
}
