package io.github.blobds.datastore;

/**
 * The root of every error a datastore raises. Unchecked, like go-datastore's {@code error} returns;
 * subclasses are the typed leaves ({@link NotFoundException}, {@link ClosedException},
 * {@link InvalidArgumentException}, {@link UnsupportedFeatureException}). Messages name the input that
 * failed.
 */
public class DatastoreException extends RuntimeException {

    public DatastoreException(String message) {
        super(message);
    }

    public DatastoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code e} itself when it is a {@code DatastoreException}, otherwise {@code e} wrapped in one. */
    public static DatastoreException wrap(Throwable e) {
        if (e instanceof DatastoreException de) {
            return de;
        }
        return new DatastoreException(String.valueOf(e.getMessage()), e);
    }
}
