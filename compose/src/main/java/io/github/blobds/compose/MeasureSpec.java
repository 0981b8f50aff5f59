package io.github.blobds.compose;

import io.github.blobds.datastore.InvalidArgumentException;

/**
 * kubo's {@code measure} spec: the child with every call counted and timed on the composer's Micrometer
 * registry, under go-ds-measure's metric names ({@code <prefix>.put}, …).
 *
 * <pre>{@code {"type": "measure", "prefix": "flatfs.datastore", "child": {...}}}</pre>
 *
 * Its disk spec is its child's: measuring changes nothing on disk.
 *
 * @param prefix the metric prefix; required, not empty
 * @param child  the measured datastore's spec; required
 */
public record MeasureSpec(String prefix, DatastoreSpec child) implements DatastoreSpec {

    /** The spec type name. */
    public static final String TYPE = "measure";

    public MeasureSpec {
        InvalidArgumentException.requireNonNull(prefix, "measure prefix");
        InvalidArgumentException.requireNonNull(child, "measure child");
        if (prefix.isEmpty()) {
            throw new InvalidArgumentException("measure prefix must not be empty: it names the metrics");
        }
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
