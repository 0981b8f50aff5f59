package io.github.blobds.datastore;

import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;

/**
 * A transaction (go-datastore's {@code Txn}): reads and writes that {@link #commit()} applies at once or
 * not at all. {@link #discard()} after a successful commit has no effect, so it is safe in a
 * {@code finally} block.
 */
public interface Txn {

    byte[] get(Key key);

    boolean has(Key key);

    int getSize(Key key);

    Results query(Query query);

    void put(Key key, byte[] value);

    void delete(Key key);

    /** Applies every write of the transaction, or none of them when it throws. */
    void commit();

    /** Drops the transaction's writes. */
    void discard();
}
