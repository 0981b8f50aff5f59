package io.github.blobds.datastore;

/** A datastore that groups writes into {@link Batch}es (go-datastore's {@code Batching}). */
public interface Batching extends Datastore {

    /** A new, empty batch on this datastore. */
    Batch batch();
}
