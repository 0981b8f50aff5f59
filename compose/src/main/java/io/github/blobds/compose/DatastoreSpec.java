package io.github.blobds.compose;

/**
 * A parsed datastore spec: one node of kubo's {@code Datastore.Spec}, as an immutable record
 * ({@link MountSpec}, {@link MeasureSpec}, {@link LogSpec}, {@link MemSpec}, {@link FlatfsSpec},
 * {@link LeveldbSpec}, or a third-party type's). It is data only: a {@link SpecType} registered under
 * {@link #type()} turns it into a datastore.
 */
public interface DatastoreSpec {

    /** The spec's {@code "type"}, the name its {@link SpecType} is registered under. */
    String type();

    /** kubo's {@code DiskSpec()}: what identifies the data this spec keeps on disk. */
    DiskSpec diskSpec();
}
