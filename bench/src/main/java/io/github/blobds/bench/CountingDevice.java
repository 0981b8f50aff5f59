package io.github.blobds.bench;

import io.github.blobds.sim.BlockDevice;
import io.github.blobds.sim.ForwardingBlockDevice;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link BlockDevice} that forwards everything and counts {@link #flush()} calls (the fsyncs of a BlobFS). */
final class CountingDevice extends ForwardingBlockDevice {

    private final AtomicLong flushes = new AtomicLong();

    CountingDevice(BlockDevice device) {
        super(device);
    }

    long flushes() {
        return flushes.get();
    }

    @Override
    public void flush() {
        flushes.incrementAndGet();
        super.flush();
    }
}
