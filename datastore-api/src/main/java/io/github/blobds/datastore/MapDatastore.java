package io.github.blobds.datastore;

import io.github.blobds.datastore.query.Entry;
import io.github.blobds.datastore.query.NaiveQuery;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory datastore (go-datastore's {@code MapDatastore}). Unlike Go's it is safe for concurrent
 * use and copies values in and out. A query takes a weakly consistent snapshot of the map (a put racing
 * with it may or may not be seen) and answers it with {@link NaiveQuery}. Nothing is durable:
 * {@link #sync} does nothing.
 */
public final class MapDatastore implements Batching {

    private final Map<Key, byte[]> values = new ConcurrentHashMap<>();
    private volatile boolean closed;

    @Override
    public byte[] get(Key key) {
        byte[] v = values.get(checkOpen(key, "get"));
        if (v == null) {
            throw new NotFoundException(key);
        }
        return v.clone();
    }

    @Override
    public boolean has(Key key) {
        return values.containsKey(checkOpen(key, "has"));
    }

    @Override
    public int getSize(Key key) {
        byte[] v = values.get(checkOpen(key, "getSize"));
        if (v == null) {
            throw new NotFoundException(key);
        }
        return v.length;
    }

    @Override
    public Results query(Query query) {
        InvalidArgumentException.requireNonNull(query, "query");
        checkOpen("query");
        List<Entry> entries = new ArrayList<>();
        values.forEach((k, v) -> entries.add(query.keysOnly() ? Entry.keyOnly(k.toString(), v.length) : Entry.of(k.toString(), v.clone())));
        return NaiveQuery.apply(query, Results.of(query, entries));
    }

    @Override
    public void put(Key key, byte[] value) {
        checkOpen(key, "put");
        values.put(key, InvalidArgumentException.requireValue(key, value).clone());
    }

    @Override
    public void delete(Key key) {
        values.remove(checkOpen(key, "delete"));
    }

    @Override
    public void sync(Key prefix) {
        checkOpen(prefix, "sync");
    }

    @Override
    public Batch batch() {
        checkOpen("batch");
        return new BasicBatch(this);
    }

    @Override
    public void close() {
        closed = true;
    }

    private Key checkOpen(Key key, String operation) {
        InvalidArgumentException.requireKey(key);
        checkOpen(operation);
        return key;
    }

    private void checkOpen(String operation) {
        if (closed) {
            throw ClosedException.of(this, operation);
        }
    }

    @Override
    public String toString() {
        return "MapDatastore";
    }
}
