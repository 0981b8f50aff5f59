package io.github.blobds.mount;

import io.github.blobds.datastore.DatastoreException;
import io.github.blobds.datastore.Key;

/**
 * A put to a key that no mount covers (go-datastore's {@code mount.ErrNoMount}). Only puts raise it: a get
 * of such a key is not found, a has is {@code false} and a delete does nothing. Carries the key.
 */
public final class NoMountException extends DatastoreException {

    /** go-datastore's message for {@code ErrNoMount}; the key follows it. */
    public static final String MESSAGE = "no datastore mounted for this key";

    private final Key key;

    /** The exception for a put to {@code key}. */
    public NoMountException(Key key) {
        super(MESSAGE + ": " + key);
        this.key = key;
    }

    /** The key that no mount covers. */
    public Key key() {
        return key;
    }
}
