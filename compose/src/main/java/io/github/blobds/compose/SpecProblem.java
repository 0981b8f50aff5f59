package io.github.blobds.compose;

import io.github.blobds.datastore.InvalidArgumentException;

/**
 * One problem found in a datastore spec.
 *
 * @param path    where, as a JSON path from the spec's root ({@code $.mounts[1].child.type})
 * @param message what is wrong, with the alternatives when there are some
 *                ({@code unknown datastore type "levelsd"; did you mean "levelds"?})
 */
public record SpecProblem(String path, String message) {

    public SpecProblem {
        InvalidArgumentException.requireNonNull(path, "problem path");
        InvalidArgumentException.requireNonNull(message, "problem message");
    }

    /** {@code path: message}. */
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
