package io.github.blobds.sim;

import java.nio.ByteBuffer;

/**
 * A block device as SPDK's blobstore sees one ({@code spdk_bs_dev}): {@link #blockCount()} blocks of
 * {@link #blockSize()} bytes, addressed by LBA. Transfers are whole blocks: the buffer's remaining
 * bytes must be a multiple of the block size and stay inside the device, or the call fails with
 * {@code EINVAL} naming the request.
 *
 * <p>A completed write is visible to later reads; it is durable only after {@link #flush()} (a real
 * device may lose it on power loss before that). Implementations are safe for concurrent use by
 * transfers that do not overlap.
 */
public interface BlockDevice extends AutoCloseable {

    /** Bytes per block: 512 or 4096. */
    int blockSize();

    /** Number of blocks. */
    long blockCount();

    /** Reads {@code dst.remaining()} bytes from block {@code lba}. */
    void read(long lba, ByteBuffer dst);

    /** Writes {@code src.remaining()} bytes at block {@code lba}. */
    void write(long lba, ByteBuffer src);

    /** Writes zeroes over {@code count} blocks. */
    void writeZeroes(long lba, long count);

    /** Deallocates {@code count} blocks; they read as zeroes afterwards. */
    void unmap(long lba, long count);

    /** Makes every completed write durable. */
    void flush();

    /** Releases the device; further calls fail. Idempotent. */
    @Override
    void close();

    /** Size in bytes. */
    default long sizeBytes() {
        return blockCount() * blockSize();
    }
}
