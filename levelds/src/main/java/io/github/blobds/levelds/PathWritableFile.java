package io.github.blobds.levelds;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.iq80.leveldb.env.WritableFile;
import org.iq80.leveldb.util.Slice;

/**
 * A LevelDB file being written: a channel opened with {@code APPEND}, so every write lands at the end.
 * {@link #force()} forces data and metadata; the first force of a {@code MANIFEST-*} file also forces
 * the directory, so that the new manifest's name survives a crash before {@code CURRENT} points at it.
 * {@link #close()} forces what was appended since the last force: LevelDB closes a write-ahead log
 * unforced when it switches to a new one, and a later synced write forces only the new log, so without
 * this the unsynced writes of the old log could be lost after a sync. Used by one thread at a time.
 */
final class PathWritableFile implements WritableFile {

    private final Path path;
    private final FileChannel channel;
    private boolean directorySynced;
    private boolean unforced;

    PathWritableFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
        this.directorySynced = !String.valueOf(path.getFileName()).startsWith("MANIFEST-");
    }

    @Override
    public void append(Slice data) throws IOException {
        PathEnv.writeFully(channel, data.toByteBuffer());
        unforced = true;
    }

    @Override
    public void force() throws IOException {
        channel.force(true);
        unforced = false;
        if (!directorySynced) {
            directorySynced = true;
            PathEnv.syncDirectory(path.toAbsolutePath().getParent());
        }
    }

    @Override
    public void close() throws IOException {
        try (channel) {
            if (unforced && channel.isOpen()) {
                force();
            }
        }
    }

    @Override
    public String toString() {
        return "PathWritableFile[" + path + "]";
    }
}
