package io.github.blobds.levelds;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.iq80.leveldb.env.RandomInputFile;

/**
 * A table file read at any offset by many threads. A thread interrupted during a read closes a
 * {@link FileChannel} for every user; the channel is then reopened (as the library's own file does) unless
 * this file was closed.
 */
final class PathRandomInputFile implements RandomInputFile {

    private static final int ATTEMPTS = 3;

    private final Path path;
    private final long size;
    private volatile FileChannel channel;
    private boolean closed;

    private PathRandomInputFile(Path path, FileChannel channel, long size) {
        this.path = path;
        this.channel = channel;
        this.size = size;
    }

    static PathRandomInputFile open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new PathRandomInputFile(path, ch, ch.size());
        } catch (RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public ByteBuffer read(long offset, int length) throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new ClosedByInterruptException();
            }
            FileChannel ch = channel;
            ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
            try {
                while (buf.hasRemaining()) {
                    if (ch.read(buf, offset + buf.position()) < 0) {
                        throw new IOException("cannot read " + length + " bytes at offset " + offset + " of " + path
                                + ": it ends at " + (offset + buf.position()));
                    }
                }
                return buf.flip();
            } catch (ClosedByInterruptException e) {
                throw e;
            } catch (ClosedChannelException e) {
                reopen(ch);
            }
        }
        throw new IOException("cannot read " + path + ": its channel kept being closed by interrupted readers");
    }

    private synchronized void reopen(FileChannel stale) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        if (channel == stale) {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            channel.close();
        }
    }

    @Override
    public String toString() {
        return "PathRandomInputFile[" + path + ", " + size + " bytes]";
    }
}
