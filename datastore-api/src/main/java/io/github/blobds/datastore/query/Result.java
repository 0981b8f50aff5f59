package io.github.blobds.datastore.query;

import io.github.blobds.datastore.DatastoreException;

/**
 * An entry or an error, as results flow through the query operators (go-datastore's
 * {@code query.Result}). Error results pass every filter, come first after ordering and count towards
 * a limit. Iterating {@link Results} as entries throws the error instead.
 *
 * @param entry the entry, or {@code null} for an error result
 * @param error the error, or {@code null} for an entry
 */
public record Result(Entry entry, DatastoreException error) {

    public Result {
        if ((entry == null) == (error == null)) {
            throw new IllegalArgumentException("a result holds exactly one of an entry and an error");
        }
    }

    public static Result of(Entry entry) {
        return new Result(entry, null);
    }

    public static Result error(Throwable error) {
        return new Result(null, DatastoreException.wrap(error));
    }

    public boolean isError() {
        return error != null;
    }
}
