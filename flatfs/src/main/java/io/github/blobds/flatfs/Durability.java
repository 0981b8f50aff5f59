package io.github.blobds.flatfs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a datastore must force to make its writes durable. With {@code sync} on, data files are forced
 * before their rename and directories right after it changes (go's {@code syncFile}/{@code syncDir});
 * with it off, the files and directories written are remembered and forced by {@link #flush()}, which
 * is what {@code Datastore.sync} calls. Deletes are remembered in both modes (go never forces them).
 *
 * <p>A directory is forced by opening it as a {@link FileChannel}. A file system that cannot do that
 * (it throws {@link UnsupportedOperationException}, or a {@link FileSystemException} for a directory
 * that exists: BlobFS says "is a directory", the zip file system "no such file", Windows denies
 * access) is left to make names durable by itself, as BlobFS does (create, move and delete are
 * durable when they return); from then on its directories are not forced. Memory is bounded: past
 * {@value #MAX_PENDING} remembered files, {@link #flush()} forces every data file instead.
 */
final class Durability {

    /** Remembered files beyond which a flush forces everything instead. */
    static final int MAX_PENDING = 65_536;

    private final Path root;
    private final boolean sync;
    private final int maxPending;
    private final Set<Path> files = ConcurrentHashMap.newKeySet();
    private final Set<Path> directories = ConcurrentHashMap.newKeySet();
    private volatile boolean overflow;
    private volatile boolean directoriesUnsupported;

    Durability(Path root, boolean sync) {
        this(root, sync, MAX_PENDING);
    }

    Durability(Path root, boolean sync, int maxPending) {
        this.root = root;
        this.sync = sync;
        this.maxPending = maxPending;
    }

    /** Whether writes are forced as they happen. */
    boolean sync() {
        return sync;
    }

    /** A data file was renamed into {@code dir}: forced now with {@code sync}, else remembered. */
    void landed(Path file, Path dir) throws IOException {
        if (sync) {
            forceDirectory(dir);
        } else {
            if (files.size() >= maxPending) {
                overflow = true;
            } else {
                files.add(file);
            }
            directories.add(dir);
        }
    }

    /** An entry of {@code dir} was created: forced now with {@code sync}, else remembered. */
    void created(Path dir) throws IOException {
        if (sync) {
            forceDirectory(dir);
        } else {
            directories.add(dir);
        }
    }

    /** An entry of {@code dir} was removed: remembered until the next {@link #flush()}. */
    void removed(Path dir) {
        directories.add(dir);
    }

    /** Forces every remembered file, then every remembered directory. */
    void flush() throws IOException {
        if (overflow) {
            overflow = false;
            forceAllDataFiles();
        }
        for (Path f : files) {
            files.remove(f);
            try {
                PathIo.forceFile(f);
            } catch (NoSuchFileException e) {
                // deleted since: its directory is remembered
            } catch (IOException | RuntimeException e) {
                files.add(f);
                throw e;
            }
        }
        for (Path d : directories) {
            directories.remove(d);
            try {
                forceDirectory(d);
            } catch (IOException | RuntimeException e) {
                directories.add(d);
                throw e;
            }
        }
    }

    private void forceAllDataFiles() throws IOException {
        try (DirectoryStream<Path> top = Files.newDirectoryStream(root)) {
            for (Path dir : top) {
                String name = dir.getFileName().toString();
                if (name.startsWith(".") || !Files.isDirectory(dir)) {
                    continue;
                }
                try (DirectoryStream<Path> shard = Files.newDirectoryStream(dir)) {
                    for (Path f : shard) {
                        if (f.getFileName().toString().endsWith(FlatfsKeys.EXTENSION)) {
                            try {
                                PathIo.forceFile(f);
                            } catch (NoSuchFileException e) {
                                // deleted meanwhile
                            }
                        }
                    }
                }
                directories.add(dir);
            }
        }
        directories.add(root);
    }

    /** Makes the entries of directory {@code dir} durable (go's {@code syncDir}); see the class comment. */
    void forceDirectory(Path dir) throws IOException {
        if (directoriesUnsupported) {
            return;
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
            directoriesUnsupported = true; // the zip file system has no entry to open for a directory
            return;
        } catch (UnsupportedOperationException | FileSystemException e) {
            directoriesUnsupported = true;
            return;
        }
        try (ch) {
            ch.force(true);
        }
    }
}
