package io.github.blobds.compose;

import io.github.blobds.datastore.InvalidArgumentException;

/**
 * kubo's {@code log} spec: the child with every call logged (go-datastore's {@code LogDatastore}, on
 * {@link System.Logger} at {@code DEBUG}).
 *
 * <pre>{@code {"type": "log", "name": "blocks", "child": {...}}}</pre>
 *
 * Its disk spec is its child's.
 *
 * @param name the name logged with each call; required ({@code ""} logs as {@code LogDatastore})
 * @param child the logged datastore's spec; required
 */
public record LogSpec(String name, DatastoreSpec child) implements DatastoreSpec {

    /** The spec type name. */
    public static final String TYPE = "log";

    public LogSpec {
        InvalidArgumentException.requireNonNull(name, "log name");
        InvalidArgumentException.requireNonNull(child, "log child");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public DiskSpec diskSpec() {
        return child.diskSpec();
    }
}
