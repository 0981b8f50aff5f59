package io.github.blobds.datastore;

/** A key string is not a valid key, or a datastore does not accept this key (flatfs: {@code ErrInvalidKey}). */
public class InvalidKeyException extends InvalidArgumentException {

    public InvalidKeyException(String message) {
        super(message);
    }
}
