package io.github.blobds.blobstore;

/**
 * Every failure of a {@link Blobstore} or {@link Blob}: the negative errno SPDK returns for the same
 * misuse, identical for every implementation, and a message naming what failed (a blob id, a page, a
 * check). The errno constants and their names live here, in one place.
 */
public class BlobstoreException extends RuntimeException {

    public static final int EPERM = -1;
    public static final int ENOENT = -2;
    public static final int EIO = -5;
    public static final int ENXIO = -6;
    public static final int EBADF = -9;
    public static final int ENOMEM = -12;
    public static final int EBUSY = -16;
    public static final int EINVAL = -22;
    public static final int ENOSPC = -28;
    public static final int EILSEQ = -84;
    public static final int ENOTSUP = -95;

    private final int errno;

    public BlobstoreException(int errno, String message) {
        super(name(errno) + ": " + message);
        this.errno = errno;
    }

    public BlobstoreException(int errno, String message, Throwable cause) {
        super(name(errno) + ": " + message, cause);
        this.errno = errno;
    }

    /** The negative errno, such as {@link #ENOENT}. */
    public int errno() {
        return errno;
    }

    /** The symbolic name of a negative errno, such as {@code "ENOENT"}. */
    public static String name(int errno) {
        return switch (errno) {
            case EPERM -> "EPERM";
            case ENOENT -> "ENOENT";
            case EIO -> "EIO";
            case ENXIO -> "ENXIO";
            case EBADF -> "EBADF";
            case ENOMEM -> "ENOMEM";
            case EBUSY -> "EBUSY";
            case EINVAL -> "EINVAL";
            case ENOSPC -> "ENOSPC";
            case EILSEQ -> "EILSEQ";
            case ENOTSUP -> "ENOTSUP";
            default -> "errno " + errno;
        };
    }
}
