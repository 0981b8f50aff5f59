package io.github.blobds.datastore;

/** A datastore that can check and repair its data (go-datastore's {@code ScrubbedDatastore}). */
public interface ScrubbedDatastore extends Datastore {

    /** Checks integrity and corrects what it can. */
    void scrub();
}
