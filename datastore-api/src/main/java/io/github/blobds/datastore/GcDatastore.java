package io.github.blobds.datastore;

/** A datastore that does not free space on delete and must collect garbage (go-datastore's {@code GCDatastore}). */
public interface GcDatastore extends Datastore {

    /** Frees the space of deleted values. */
    void collectGarbage();
}
