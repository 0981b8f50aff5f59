package io.github.blobds.levelds;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.iq80.leveldb.env.DbLock;

/**
 * LevelDB's {@code LOCK}: held exclusively within this JVM through a set of locked paths (as LevelDB's
 * POSIX Env keeps one), and against other processes with {@link FileChannel#tryLock()} where the
 * provider supports it. The file is created empty and never written.
 */
final class PathDbLock implements DbLock {

    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean valid = true;

    private PathDbLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    static PathDbLock acquire(Path path) throws IOException {
        Path key = path.toAbsolutePath().normalize();
        if (!HELD.add(key)) {
            throw new IOException("lock " + path + " is already held in this process: the database is open");
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            FileLock lock = processLock(channel, path);
            return new PathDbLock(key, channel, lock);
        } catch (IOException | RuntimeException e) {
            HELD.remove(key);
            if (channel != null) {
                channel.close();
            }
            throw e;
        }
    }

    private static FileLock processLock(FileChannel channel, Path path) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (UnsupportedOperationException e) {
            return null;
        } catch (OverlappingFileLockException e) {
            throw new IOException("lock " + path + " is already held in this process", e);
        }
        if (lock == null) {
            throw new IOException("lock " + path + " is held by another process: the database is open there");
        }
        return lock;
    }

    @Override
    public synchronized boolean isValid() {
        return valid;
    }

    @Override
    public synchronized void release() {
        if (!valid) {
            return;
        }
        valid = false;
        try {
            if (lock != null) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            // The channel is closed either way, which releases the lock.
        } finally {
            HELD.remove(key);
        }
    }

    @Override
    public String toString() {
        return "PathDbLock[" + key + (valid ? ", held" : ", released") + "]";
    }
}
