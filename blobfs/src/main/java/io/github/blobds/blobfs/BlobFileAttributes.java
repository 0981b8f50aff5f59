package io.github.blobds.blobfs;

import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/** Basic attributes of a BlobFS file or implied directory; BlobFS keeps no times, so they read as the epoch. */
record BlobFileAttributes(boolean isDirectory, long size, Object fileKey) implements BasicFileAttributes {

    private static final FileTime EPOCH = FileTime.fromMillis(0);

    @Override
    public FileTime lastModifiedTime() {
        return EPOCH;
    }

    @Override
    public FileTime lastAccessTime() {
        return EPOCH;
    }

    @Override
    public FileTime creationTime() {
        return EPOCH;
    }

    @Override
    public boolean isRegularFile() {
        return !isDirectory;
    }

    @Override
    public boolean isSymbolicLink() {
        return false;
    }

    @Override
    public boolean isOther() {
        return false;
    }
}
