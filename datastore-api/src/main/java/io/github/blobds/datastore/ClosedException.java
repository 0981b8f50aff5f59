package io.github.blobds.datastore;

/** The datastore, batch, transaction or result set was used after {@code close()} (or a batch after {@code commit()}). */
public class ClosedException extends DatastoreException {

    public ClosedException(String message) {
        super(message);
    }

    /** The exception for calling {@code operation} on {@code what} after it was closed. */
    public static ClosedException of(Object what, String operation) {
        return new ClosedException(operation + " on closed " + what);
    }
}
