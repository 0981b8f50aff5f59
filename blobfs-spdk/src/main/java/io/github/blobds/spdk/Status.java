package io.github.blobds.spdk;

import io.github.blobds.blobstore.BlobstoreException;

/**
 * The one place where a status returned by the shim (0, or SPDK's negative errno) becomes a
 * {@link BlobstoreException}. Errnos the SPI names keep their number; the few others SPDK's start-up and
 * bdev calls return are described in the message.
 */
final class Status {

    static final int ENODEV = -19;
    static final int EALREADY = -114;

    private Status() {
    }

    /** Throws when {@code rc} is not 0; {@code what} names the operation and its input. */
    static void check(int rc, String what) {
        if (rc != 0) {
            throw exception(rc, what);
        }
    }

    /** The exception for a non-zero status. */
    static BlobstoreException exception(int rc, String what) {
        if (rc > 0) {
            return new BlobstoreException(BlobstoreException.EIO, what + " (unexpected positive status " + rc + ")");
        }
        String detail = switch (rc) {
            case ENODEV -> " (ENODEV: no such bdev)";
            case EALREADY -> " (EALREADY: already started in this process)";
            case -17 -> " (EEXIST: a bdev of that name exists)";
            case -13 -> " (EACCES)";
            case -110 -> " (ETIMEDOUT)";
            default -> "";
        };
        return new BlobstoreException(rc, what + detail);
    }
}
