package io.github.blobds.sim;

import java.nio.ByteBuffer;

/**
 * A {@link BlockDevice} that forwards every call to another one: the base of devices that count, fence
 * or record the calls of a stack above them and override just those.
 */
public abstract class ForwardingBlockDevice implements BlockDevice {

    /** The device every call goes to. */
    protected final BlockDevice delegate;

    protected ForwardingBlockDevice(BlockDevice delegate) {
        if (delegate == null) {
            throw new NullPointerException("delegate device");
        }
        this.delegate = delegate;
    }

    @Override
    public int blockSize() {
        return delegate.blockSize();
    }

    @Override
    public long blockCount() {
        return delegate.blockCount();
    }

    @Override
    public void read(long lba, ByteBuffer dst) {
        delegate.read(lba, dst);
    }

    @Override
    public void write(long lba, ByteBuffer src) {
        delegate.write(lba, src);
    }

    @Override
    public void writeZeroes(long lba, long count) {
        delegate.writeZeroes(lba, count);
    }

    @Override
    public void unmap(long lba, long count) {
        delegate.unmap(lba, count);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + delegate + ")";
    }
}
