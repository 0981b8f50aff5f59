package io.github.blobds.compose;

/**
 * kubo's {@code mem} spec: an in-memory map behind a read-write lock, as kubo makes it
 * ({@code sync.MutexWrap(NewMapDatastore())}). It has no fields and no disk spec ({@link DiskSpec#NONE},
 * written {@code null}; inside a mount, {@code {"mountpoint": …}}).
 *
 * <pre>{@code {"type": "mem"}}</pre>
 */
public record MemSpec() implements DatastoreSpec {

    /** The spec type name. */
    public static final String TYPE = "mem";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public DiskSpec diskSpec() {
        return DiskSpec.NONE;
    }
}
