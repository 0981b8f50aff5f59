package io.github.blobds.bench;

import io.github.blobds.sim.BlockDevice;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link BlockDevice} that forwards everything and counts {@link #flush()} calls (the fsyncs of a BlobFS). */
final class CountingDevice implements BlockDevice {

    private final BlockDevice device;
    private final AtomicLong flushes = new AtomicLong();

    CountingDevice(BlockDevice device) {
        this.device = device;
    }

    long flushes() {
        return flushes.get();
    }

    @Override
    public int blockSize() {
        return device.blockSize();
    }

    @Override
    public long blockCount() {
        return device.blockCount();
    }

    @Override
    public void read(long lba, ByteBuffer dst) {
        device.read(lba, dst);
    }

    @Override
    public void write(long lba, ByteBuffer src) {
        device.write(lba, src);
    }

    @Override
    public void writeZeroes(long lba, long count) {
        device.writeZeroes(lba, count);
    }

    @Override
    public void unmap(long lba, long count) {
        device.unmap(lba, count);
    }

    @Override
    public void flush() {
        flushes.incrementAndGet();
        device.flush();
    }

    @Override
    public void close() {
        device.close();
    }

    @Override
    public String toString() {
        return "Counting(" + device + ")";
    }
}
