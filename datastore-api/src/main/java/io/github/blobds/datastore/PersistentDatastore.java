package io.github.blobds.datastore;

/** A datastore that knows how much storage it uses (go-datastore's {@code PersistentDatastore}). */
public interface PersistentDatastore extends Datastore {

    /** Bytes of storage used. */
    long diskUsage();

    /** The disk usage of {@code ds}, or 0 when it is not persistent (go-datastore's {@code DiskUsage} helper). */
    static long diskUsageOf(Datastore ds) {
        return ds instanceof PersistentDatastore p ? p.diskUsage() : 0;
    }
}
