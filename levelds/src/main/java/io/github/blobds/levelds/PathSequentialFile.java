package io.github.blobds.levelds;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.iq80.leveldb.env.SequentialFile;
import org.iq80.leveldb.util.SliceOutput;

/** A LevelDB file read from start to end (logs, manifests), positional reads on a channel. One thread at a time. */
final class PathSequentialFile implements SequentialFile {

    private final Path path;
    private final FileChannel channel;
    private long position;

    PathSequentialFile(Path path) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
    }

    @Override
    public void skip(long n) throws IOException {
        if (n < 0) {
            throw new IOException("cannot skip " + n + " bytes of " + path);
        }
        if (position + n > channel.size()) {
            throw new IOException("cannot skip " + n + " bytes at offset " + position + " of " + path + ": it has " + channel.size());
        }
        position += n;
    }

    @Override
    public int read(int atMost, SliceOutput destination) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(atMost);
        int total = 0;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        if (total == 0 && atMost > 0) {
            return -1;
        }
        position += total;
        buf.flip();
        destination.writeBytes(buf);
        return total;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "PathSequentialFile[" + path + "]";
    }
}
