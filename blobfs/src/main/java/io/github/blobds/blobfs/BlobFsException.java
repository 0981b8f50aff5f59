package io.github.blobds.blobfs;

import java.nio.file.FileSystemException;

/**
 * A BlobFS failure that has no more specific NIO exception: the file it concerns, a reason, and the
 * negative errno SPDK BlobFS or the Blobstore gives for it (for example {@code -28}, ENOSPC, when the
 * device is full).
 */
public class BlobFsException extends FileSystemException {

    private final int errno;

    public BlobFsException(String file, int errno, String reason) {
        super(file, null, reason);
        this.errno = errno;
    }

    /** The negative errno, such as {@code BlobstoreException.ENOSPC}. */
    public int errno() {
        return errno;
    }
}
