package io.github.blobds.datastore;

import java.util.List;

/** A datastore that wraps others (go-datastore's {@code Shim}). */
public interface Shim extends Datastore {

    /** The wrapped datastores. */
    List<Datastore> children();
}
