package io.github.blobds.flatfs;

import io.github.blobds.datastore.DatastoreException;

/**
 * A directory cannot be created or opened as a flatfs datastore: it does not exist, has no
 * {@code SHARDING} file, is not empty while lacking one, or was made with another shard function. The
 * message is go-ds-flatfs's and names the directory.
 */
public class FlatfsLayoutException extends DatastoreException {

    public FlatfsLayoutException(String message) {
        super(message);
    }
}
