package io.github.blobds.flatfs;

import io.github.blobds.datastore.DatastoreException;
import java.io.IOException;
import java.nio.file.Path;

/** An I/O operation of a flatfs datastore failed; the message names the operation and the path, the cause is the I/O error. */
public class FlatfsIoException extends DatastoreException {

    public FlatfsIoException(String message, IOException cause) {
        super(message, cause);
    }

    /** The exception for {@code operation} failing on {@code path}: {@code "<operation> <path>: <cause>"}. */
    static FlatfsIoException of(String operation, Path path, IOException cause) {
        return new FlatfsIoException(operation + " " + path + ": " + cause, cause);
    }
}
