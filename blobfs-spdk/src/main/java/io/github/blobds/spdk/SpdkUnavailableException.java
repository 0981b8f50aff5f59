package io.github.blobds.spdk;

import io.github.blobds.blobstore.BlobstoreException;

/**
 * SPDK cannot be used in this process: the shim did not load (the message names every place tried), or
 * the environment cannot start. Its errno is {@code ENOTSUP}.
 */
public final class SpdkUnavailableException extends BlobstoreException {

    SpdkUnavailableException(String message) {
        super(ENOTSUP, message);
    }

    SpdkUnavailableException(String message, Throwable cause) {
        super(ENOTSUP, message, cause);
    }
}
