package io.github.blobds.levelds;

import io.github.blobds.datastore.DatastoreException;

/**
 * A LevelDB operation failed: the database could not be opened (missing, already open, corrupt,
 * unreadable), or a read or write failed in LevelDB or in its files. The message names the database
 * directory, the operation and the key; the cause is LevelDB's exception.
 */
public class LeveldbException extends DatastoreException {

    public LeveldbException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The one mapping of LevelDB's failures: {@code e} itself when it is already a
     * {@link DatastoreException}, otherwise a {@code LeveldbException} saying what failed where.
     */
    static DatastoreException of(Object database, String operation, Throwable e) {
        if (e instanceof DatastoreException de) {
            return de;
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return new LeveldbException("leveldb " + database + ": " + operation + ": " + describe(cause), e);
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
