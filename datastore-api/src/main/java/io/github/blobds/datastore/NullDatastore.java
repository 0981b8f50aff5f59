package io.github.blobds.datastore;

import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import java.util.List;

/**
 * A datastore that stores nothing (go-datastore's {@code NullDatastore}): writes are accepted and
 * dropped, reads find nothing, queries are empty, maintenance succeeds, disk usage is 0. It has every
 * feature. Unlike go's, its transactions report missing keys with {@link NotFoundException}.
 */
public final class NullDatastore implements Batching, CheckedDatastore, GcDatastore, PersistentDatastore,
        ScrubbedDatastore, TxnDatastore {

    private volatile boolean closed;

    @Override
    public byte[] get(Key key) {
        throw new NotFoundException(checkOpen(key, "get"));
    }

    @Override
    public boolean has(Key key) {
        checkOpen(key, "has");
        return false;
    }

    @Override
    public int getSize(Key key) {
        throw new NotFoundException(checkOpen(key, "getSize"));
    }

    @Override
    public Results query(Query query) {
        InvalidArgumentException.requireNonNull(query, "query");
        checkOpen(Key.ROOT, "query");
        return Results.of(query, List.of());
    }

    @Override
    public void put(Key key, byte[] value) {
        checkOpen(key, "put");
        InvalidArgumentException.requireValue(key, value);
    }

    @Override
    public void delete(Key key) {
        checkOpen(key, "delete");
    }

    @Override
    public void sync(Key prefix) {
        checkOpen(prefix, "sync");
    }

    @Override
    public Batch batch() {
        checkOpen(Key.ROOT, "batch");
        return new BasicBatch(this);
    }

    @Override
    public void check() {
        checkOpen(Key.ROOT, "check");
    }

    @Override
    public void collectGarbage() {
        checkOpen(Key.ROOT, "collectGarbage");
    }

    @Override
    public long diskUsage() {
        checkOpen(Key.ROOT, "diskUsage");
        return 0;
    }

    @Override
    public void scrub() {
        checkOpen(Key.ROOT, "scrub");
    }

    @Override
    public Txn newTransaction(boolean readOnly) {
        checkOpen(Key.ROOT, "newTransaction");
        return new Txn() {
            @Override
            public byte[] get(Key key) {
                return NullDatastore.this.get(key);
            }

            @Override
            public boolean has(Key key) {
                return NullDatastore.this.has(key);
            }

            @Override
            public int getSize(Key key) {
                return NullDatastore.this.getSize(key);
            }

            @Override
            public Results query(Query query) {
                return NullDatastore.this.query(query);
            }

            @Override
            public void put(Key key, byte[] value) {
                NullDatastore.this.put(key, value);
            }

            @Override
            public void delete(Key key) {
                NullDatastore.this.delete(key);
            }

            @Override
            public void commit() {
            }

            @Override
            public void discard() {
            }
        };
    }

    @Override
    public void close() {
        closed = true;
    }

    private Key checkOpen(Key key, String operation) {
        InvalidArgumentException.requireKey(key);
        if (closed) {
            throw ClosedException.of(this, operation);
        }
        return key;
    }

    @Override
    public String toString() {
        return "NullDatastore";
    }
}
