package io.github.blobds.datastore;

import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;

/** A map whose check, scrub and collectGarbage fail with "test error" (go's dstest.NewTestDatastore(true)), for this module's tests. */
final class TestErrorDatastore implements Batching, CheckedDatastore, ScrubbedDatastore, GcDatastore {

    final MapDatastore map = new MapDatastore();

    @Override
    public void check() {
        throw new DatastoreException("test error");
    }

    @Override
    public void scrub() {
        throw new DatastoreException("test error");
    }

    @Override
    public void collectGarbage() {
        throw new DatastoreException("test error");
    }

    @Override
    public byte[] get(Key key) {
        return map.get(key);
    }

    @Override
    public boolean has(Key key) {
        return map.has(key);
    }

    @Override
    public int getSize(Key key) {
        return map.getSize(key);
    }

    @Override
    public Results query(Query query) {
        return map.query(query);
    }

    @Override
    public void put(Key key, byte[] value) {
        map.put(key, value);
    }

    @Override
    public void delete(Key key) {
        map.delete(key);
    }

    @Override
    public void sync(Key prefix) {
        map.sync(prefix);
    }

    @Override
    public Batch batch() {
        return map.batch();
    }

    @Override
    public void close() {
        map.close();
    }
}
