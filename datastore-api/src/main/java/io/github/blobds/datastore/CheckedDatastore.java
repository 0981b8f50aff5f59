package io.github.blobds.datastore;

/** A datastore that can check its on-disk integrity (go-datastore's {@code CheckedDatastore}). */
public interface CheckedDatastore extends Datastore {

    /** Checks the integrity of the stored data; throws a {@link DatastoreException} describing a problem found. */
    void check();
}
