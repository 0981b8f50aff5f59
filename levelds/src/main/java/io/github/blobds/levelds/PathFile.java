package io.github.blobds.levelds;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.iq80.leveldb.env.File;

/**
 * LevelDB's {@link File} on a NIO {@link Path}. Like {@code java.io.File}, whose contract LevelDB's
 * {@code File} copies, failures are reported as {@code false} or {@code 0}: LevelDB checks them itself.
 */
final class PathFile implements File {

    private final Path path;

    PathFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    @Override
    public File child(String other) {
        return new PathFile(path.resolve(other));
    }

    /** Creates this directory and its missing parents; {@code true} only when it did not exist before. */
    @Override
    public boolean mkdirs() {
        if (Files.exists(path)) {
            return false;
        }
        try {
            Files.createDirectories(path);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String getName() {
        Path name = path.getFileName();
        return name == null ? "" : name.toString();
    }

    @Override
    public File getParentFile() {
        Path parent = path.toAbsolutePath().getParent();
        return parent == null ? null : new PathFile(parent);
    }

    @Override
    public String getPath() {
        return path.toString();
    }

    @Override
    public boolean canRead() {
        return Files.isReadable(path);
    }

    @Override
    public boolean exists() {
        return Files.exists(path);
    }

    @Override
    public boolean isDirectory() {
        return Files.isDirectory(path);
    }

    @Override
    public boolean isFile() {
        return Files.isRegularFile(path);
    }

    @Override
    public long length() {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return 0L;
        }
    }

    @Override
    public boolean delete() {
        try {
            return Files.deleteIfExists(path);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public List<File> listFiles() {
        List<File> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
            for (Path p : entries) {
                out.add(new PathFile(p));
            }
        } catch (IOException e) {
            return List.of();
        }
        return out;
    }

    /**
     * Renames this file to {@code dest}, replacing it if it exists (LevelDB renames a temporary file over
     * {@code CURRENT}), atomically where the file system can, then forces the directory.
     */
    @Override
    public boolean renameTo(File dest) {
        if (!(dest instanceof PathFile target) || target.path.getFileSystem() != path.getFileSystem()) {
            return false;
        }
        try {
            try {
                Files.move(path, target.path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(path, target.path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            return false;
        }
        PathEnv.syncDirectory(target.path.toAbsolutePath().getParent());
        return true;
    }

    @Override
    public boolean deleteRecursively() {
        if (!Files.exists(path)) {
            return true;
        }
        try {
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
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathFile other && path.equals(other.path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
