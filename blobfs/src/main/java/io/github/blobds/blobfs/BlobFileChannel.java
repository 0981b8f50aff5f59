package io.github.blobds.blobfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A channel on a BlobFS file. Writes append only: a write must start at the file's end (with
 * {@code APPEND}, every write does), otherwise it throws an {@link java.io.IOException} naming the file
 * and both offsets. Reads work at any offset and see unforced appends. {@link #force} makes data and
 * length durable. Locks are advisory and exclusive within this JVM. Memory mapping is not supported.
 */
final class BlobFileChannel extends FileChannel {

    private final BlobFileSystem fs;
    private final BlobFile file;
    private final boolean readable;
    private final boolean writable;
    private final boolean append;
    private final boolean syncWrites;
    private long position;

    BlobFileChannel(BlobFileSystem fs, BlobFile file, boolean readable, boolean writable, boolean append, boolean syncWrites) {
        this.fs = fs;
        this.file = file;
        this.readable = readable;
        this.writable = writable;
        this.append = append;
        this.syncWrites = syncWrites;
    }

    private void check() throws IOException {
        if (!isOpen()) {
            throw new java.nio.channels.ClosedChannelException();
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = read(dst, position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            int n = read(dsts[i]);
            if (n < 0) {
                return total == 0 ? -1 : total;
            }
            total += n;
            if (dsts[i].hasRemaining()) {
                break;
            }
        }
        return total;
    }

    @Override
    public int read(ByteBuffer dst, long pos) throws IOException {
        check();
        if (!readable) {
            throw new NonReadableChannelException();
        }
        if (pos < 0) {
            throw new IllegalArgumentException("negative position " + pos);
        }
        return fs.blobFs().read(file, pos, dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        check();
        if (!append) {
            int n = write(src, position);
            position += n;
            return n;
        }
        if (!writable) {
            throw new NonWritableChannelException();
        }
        int n = fs.blobFs().append(file, BlobFs.AT_END, src);
        if (syncWrites) {
            fs.blobFs().force(file);
        }
        position = size();
        return n;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += write(srcs[i]);
        }
        return total;
    }

    @Override
    public int write(ByteBuffer src, long pos) throws IOException {
        check();
        if (!writable) {
            throw new NonWritableChannelException();
        }
        int n = fs.blobFs().append(file, pos, src);
        if (syncWrites) {
            fs.blobFs().force(file);
        }
        return n;
    }

    @Override
    public long position() throws IOException {
        check();
        return position;
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        check();
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        check();
        fs.blobFs().lock.lock();
        try {
            return file.appendPos;
        } finally {
            fs.blobFs().lock.unlock();
        }
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        check();
        if (!writable) {
            throw new NonWritableChannelException();
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        fs.blobFs().truncate(file, size);
        position = Math.min(position, size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        check();
        fs.blobFs().force(file);
    }

    @Override
    public long transferTo(long pos, long count, WritableByteChannel target) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(count, 1 << 16));
        long done = 0;
        while (done < count) {
            buf.clear().limit((int) Math.min(buf.capacity(), count - done));
            int n = read(buf, pos + done);
            if (n <= 0) {
                break;
            }
            buf.flip();
            while (buf.hasRemaining()) {
                target.write(buf);
            }
            done += n;
        }
        return done;
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long pos, long count) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(count, 1 << 16));
        long done = 0;
        while (done < count) {
            buf.clear().limit((int) Math.min(buf.capacity(), count - done));
            int n = src.read(buf);
            if (n <= 0) {
                break;
            }
            buf.flip();
            done += write(buf, pos + done);
        }
        return done;
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long pos, long size) {
        throw new UnsupportedOperationException("BlobFS files cannot be memory-mapped");
    }

    @Override
    public FileLock lock(long pos, long size, boolean shared) throws IOException {
        FileLock l = tryLock(pos, size, shared);
        if (l == null) {
            throw new OverlappingFileLockException();
        }
        return l;
    }

    @Override
    public FileLock tryLock(long pos, long size, boolean shared) throws IOException {
        check();
        return fs.locks().tryLock(this, file.id, pos, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        fs.locks().releaseAll(this);
        fs.blobFs().release(file);
    }

    @Override
    public String toString() {
        return "BlobFileChannel(" + file.name + ")";
    }
}
