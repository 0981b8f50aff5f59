package io.github.blobds.flatfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The file operations flatfs needs, each through the path's own provider ({@link Files},
 * {@link FileChannel}), so any NIO file system serves: the default one, a zip file system, BlobFS.
 */
final class PathIo {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> READ_ONLY = PosixFilePermissions.fromString("r--r--r--");

    private PathIo() {
    }

    /** An I/O step that may fail. */
    @FunctionalInterface
    interface IoAction {
        void run() throws IOException;
    }

    /**
     * Creates {@code file} (it must not exist), writes {@code data} and, when {@code force}, makes it
     * durable. Data files get mode {@code 0600} where the file system has POSIX permissions (as go's
     * {@code os.CreateTemp}).
     */
    static void writeNew(Path file, byte[] data, boolean force) throws IOException {
        writeNew(file, data, force, OWNER_ONLY);
    }

    /** Like {@link #writeNew(Path, byte[], boolean)} with the permissions {@code r--r--r--} where supported. */
    static void writeNewReadOnly(Path file, byte[] data) throws IOException {
        writeNew(file, data, false, READ_ONLY);
    }

    private static void writeNew(Path file, byte[] data, boolean force, Set<PosixFilePermission> mode) throws IOException {
        FileAttribute<?>[] attrs = file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)}
                : new FileAttribute<?>[0];
        try (FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attrs)) {
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            if (force) {
                ch.force(true);
            }
        }
    }

    /** Makes the content of the existing file {@code file} durable. */
    static void forceFile(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /**
     * Renames {@code from} to {@code to}, atomically replacing {@code to}. A file system without atomic
     * moves (the JDK's zip file system) gets a plain replacing move.
     */
    static void replace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The size of {@code path}, or 0 when it does not exist (go's {@code fileSize}). */
    static long sizeOrZero(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).size();
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /** Whether the directory {@code dir} has no entries (go's {@code DirIsEmpty}). */
    static boolean isEmptyDirectory(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }

    /** Deletes {@code path} and everything below it; a missing path is not an error (go's {@code os.RemoveAll}). */
    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes {@code path} if it exists, after {@code failure} happened; a failure to delete is added to it as suppressed. */
    static void deleteQuietly(Path path, Throwable failure) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
