package io.github.blobds.blobfs;

import io.github.blobds.sim.BlockDevice;
import io.github.blobds.sim.MemoryDevice;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A memory device that records every write, zeroing and unmap as 4 KiB page steps, so a test can
 * rebuild the device as it was after any step (an interrupted operation cut at that point).
 */
final class RecordingDevice implements BlockDevice {

    record Step(long byteOffset, byte[] page) {
    }

    private final MemoryDevice dev;
    private final List<Step> steps = new ArrayList<>();
    private boolean recording;

    RecordingDevice(long bytes) {
        this.dev = MemoryDevice.ofBytes(bytes, 4096);
    }

    /** Starts recording from the current contents, which {@link #snapshot()} captures. */
    byte[] startRecording() {
        steps.clear();
        recording = true;
        return snapshot();
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }

    byte[] snapshot() {
        byte[] all = new byte[(int) dev.sizeBytes()];
        dev.read(0, ByteBuffer.wrap(all));
        return all;
    }

    /** A device holding {@code base} with the first {@code n} steps applied. */
    static MemoryDevice replay(byte[] base, List<Step> steps, int n) {
        MemoryDevice d = MemoryDevice.ofBytes(base.length, 4096);
        d.write(0, ByteBuffer.wrap(base));
        for (int i = 0; i < n; i++) {
            Step s = steps.get(i);
            d.write(s.byteOffset() / 4096, ByteBuffer.wrap(s.page()));
        }
        return d;
    }

    private void record(long lba, ByteBuffer data) {
        if (!recording) {
            return;
        }
        long offset = lba * 4096;
        ByteBuffer d = data.duplicate();
        while (d.hasRemaining()) {
            byte[] page = new byte[4096];
            d.get(page);
            steps.add(new Step(offset, page));
            offset += 4096;
        }
    }

    @Override
    public int blockSize() {
        return 4096;
    }

    @Override
    public long blockCount() {
        return dev.blockCount();
    }

    @Override
    public void read(long lba, ByteBuffer dst) {
        dev.read(lba, dst);
    }

    @Override
    public void write(long lba, ByteBuffer src) {
        record(lba, src);
        dev.write(lba, src);
    }

    @Override
    public void writeZeroes(long lba, long count) {
        record(lba, ByteBuffer.allocate((int) (count * 4096)));
        dev.writeZeroes(lba, count);
    }

    @Override
    public void unmap(long lba, long count) {
        writeZeroes(lba, count);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        dev.close();
    }
}
