package io.github.blobds.datastore;

/** go-datastore's {@code ErrNotFound}: the key is not mapped. Carries the key that was looked up. */
public class NotFoundException extends DatastoreException {

    private final Key key;

    public NotFoundException(Key key) {
        super("datastore: key not found: " + key);
        this.key = key;
    }

    /** The key that was not found. */
    public Key key() {
        return key;
    }
}
