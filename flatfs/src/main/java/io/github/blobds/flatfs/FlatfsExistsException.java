package io.github.blobds.flatfs;

/**
 * {@link FlatfsDatastore#create} found a flatfs datastore with the same shard function already there
 * (go's {@code ErrDatastoreExists}); {@link FlatfsDatastore#createOrOpen} treats it as success.
 */
public class FlatfsExistsException extends FlatfsLayoutException {

    public FlatfsExistsException(String message) {
        super(message);
    }
}
