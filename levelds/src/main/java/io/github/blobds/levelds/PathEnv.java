package io.github.blobds.levelds;

import io.github.blobds.datastore.InvalidArgumentException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.iq80.leveldb.Logger;
import org.iq80.leveldb.env.DbLock;
import org.iq80.leveldb.env.Env;
import org.iq80.leveldb.env.File;
import org.iq80.leveldb.env.NoOpLogger;
import org.iq80.leveldb.env.RandomInputFile;
import org.iq80.leveldb.env.SequentialFile;
import org.iq80.leveldb.env.WritableFile;

/**
 * A LevelDB {@link Env} on the NIO {@link Path}s of one {@link FileSystem}: the default file system,
 * BlobFS, or any other provider. It is the LevelDB counterpart of SPDK's RocksDB {@code Env} on BlobFS.
 *
 * <p>What it asks of the file system, and nothing more:
 * <ul>
 *   <li><b>Writes only append.</b> A writable file is opened with {@code APPEND} and written from start
 *       to end; nothing is ever written at an offset, truncated or memory-mapped. A new writable file
 *       replaces an old one of the same name by deleting it first, then creating the file with
 *       {@code CREATE_NEW}. Appending to an existing file ({@link #newAppendableFile}) opens it with
 *       {@code CREATE, APPEND}; LevelDB uses that only with its {@code reuseLogs} option, which the
 *       datastore leaves off.</li>
 *   <li><b>Durability through {@link FileChannel#force}</b>, called when LevelDB syncs a file, and when
 *       it closes a file with appends not yet forced (LevelDB closes a write-ahead log unforced when it
 *       moves to a new one; forcing it then keeps a later sync of the new log meaningful). After a
 *       rename, and after the first sync of a {@code MANIFEST-*} file, the parent directory is forced as
 *       well, as LevelDB's POSIX Env does, where the provider can open a directory as a channel (the
 *       default one on Linux can; on a file system that cannot, such as BlobFS, whose creates and renames
 *       are durable when they return, this step is skipped).</li>
 *   <li><b>Reads at any offset</b> ({@code FileChannel.read(buffer, position)}) and sequential reads.</li>
 *   <li><b>Rename replacing the target</b> ({@code REPLACE_EXISTING} with {@code ATOMIC_MOVE}, falling
 *       back to a plain replace where atomic moves are not supported): LevelDB installs {@code CURRENT} by
 *       writing a temporary file and renaming it over the old one.</li>
 *   <li><b>Delete, list, create directories, size, exists</b>, through {@link Files}.</li>
 *   <li><b>Locking</b>: a lock file created empty and never written, held exclusively within this JVM
 *       (LevelDB opened twice on one directory fails) and, where the provider supports it, with
 *       {@link FileChannel#tryLock()} against other processes too.</li>
 * </ul>
 * It never converts a path to {@code java.io.File} and assumes nothing of the default file system. The
 * info log ({@link #newLogger}) is discarded, as the library's own Env does, so that no ever-growing file
 * is kept; the datastore gives LevelDB a {@link System.Logger} instead.
 *
 * <p>Thread-safe. File objects it hands out follow the {@link Env} contract: writable and sequential
 * files are used by one thread at a time, random-access files by many.
 */
public final class PathEnv implements Env {

    private final FileSystem fileSystem;

    private PathEnv(FileSystem fileSystem) {
        this.fileSystem = fileSystem;
    }

    /** An Env resolving LevelDB's file names in {@code fileSystem}. */
    public static PathEnv of(FileSystem fileSystem) {
        return new PathEnv(InvalidArgumentException.requireNonNull(fileSystem, "file system"));
    }

    /** The file system this Env works in. */
    public FileSystem fileSystem() {
        return fileSystem;
    }

    /** The Env's handle on {@code path}, which must belong to this Env's file system. */
    public File toFile(Path path) {
        InvalidArgumentException.requireNonNull(path, "path");
        if (path.getFileSystem() != fileSystem) {
            throw new InvalidArgumentException("path " + path + " is not on this Env's file system " + fileSystem);
        }
        return new PathFile(path);
    }

    @Override
    public long nowMicros() {
        return TimeUnit.NANOSECONDS.toMicros(System.nanoTime());
    }

    @Override
    public File toFile(String filename) {
        return new PathFile(fileSystem.getPath(filename));
    }

    /**
     * A new directory named {@code prefix…}: in {@code java.io.tmpdir} on the default file system, under
     * the first root directory on any other. LevelDB itself never calls this (its tests do).
     */
    @Override
    public File createTempDir(String prefix) {
        try {
            if (fileSystem == FileSystems.getDefault()) {
                return new PathFile(Files.createTempDirectory(prefix));
            }
            Path root = fileSystem.getRootDirectories().iterator().next();
            return new PathFile(Files.createTempDirectory(root, prefix));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temporary directory " + prefix + "* in " + fileSystem, e);
        }
    }

    @Override
    public SequentialFile newSequentialFile(File file) throws IOException {
        return new PathSequentialFile(path(file));
    }

    @Override
    public RandomInputFile newRandomAccessFile(File file) throws IOException {
        return PathRandomInputFile.open(path(file));
    }

    @Override
    public WritableFile newWritableFile(File file) throws IOException {
        Path path = path(file);
        Files.deleteIfExists(path);
        return new PathWritableFile(path, FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.APPEND));
    }

    @Override
    public WritableFile newAppendableFile(File file) throws IOException {
        Path path = path(file);
        return new PathWritableFile(path, FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    @Override
    public void writeStringToFileSync(File file, String content) throws IOException {
        try (WritableFile out = newWritableFile(file)) {
            out.append(org.iq80.leveldb.util.Slices.wrappedBuffer(content.getBytes(StandardCharsets.UTF_8)));
            out.force();
        }
    }

    @Override
    public String readFileToString(File file) throws IOException {
        return Files.readString(path(file), StandardCharsets.UTF_8);
    }

    /** A logger that discards everything, as the library's own Env does (no ever-growing {@code LOG} file). */
    @Override
    public Logger newLogger(File loggerFile) {
        return new NoOpLogger();
    }

    @Override
    public DbLock tryLock(File lockFile) throws IOException {
        return PathDbLock.acquire(path(lockFile));
    }

    @Override
    public String toString() {
        return "PathEnv[" + fileSystem + "]";
    }

    private Path path(File file) {
        if (!(file instanceof PathFile pf)) {
            throw new IllegalArgumentException("not a file of a PathEnv: " + file);
        }
        if (pf.path().getFileSystem() != fileSystem) {
            throw new IllegalArgumentException("file " + file + " is not on this Env's file system " + fileSystem);
        }
        return pf.path();
    }

    /** Forces {@code dir}'s entries to storage where the provider can open a directory; otherwise does nothing. */
    static void syncDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every provider opens directories (BlobFS, Windows); there, creates and renames are durable
            // on their own or cannot be made so through NIO.
        }
    }

    /** Writes all of {@code src} to {@code ch}. */
    static void writeFully(FileChannel ch, ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            ch.write(src);
        }
    }
}
