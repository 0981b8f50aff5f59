package io.github.blobds.conformance;

import io.github.blobds.datastore.Batch;
import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.CheckedDatastore;
import io.github.blobds.datastore.DatastoreException;
import io.github.blobds.datastore.GcDatastore;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.MapDatastore;
import io.github.blobds.datastore.ScrubbedDatastore;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;

/**
 * go-datastore's {@code dstest.NewTestDatastore}: a {@link MapDatastore} with {@code check},
 * {@code scrub} and {@code collectGarbage} that fail with {@link #TEST_ERROR_MESSAGE} when asked to.
 * Batching, checked, scrubbed and GC; not persistent.
 */
public final class TestDatastore implements Batching, CheckedDatastore, ScrubbedDatastore, GcDatastore {

    /** go's {@code dstest.ErrTest} message. */
    public static final String TEST_ERROR_MESSAGE = "test error";

    private final MapDatastore map = new MapDatastore();
    private final boolean testErrors;

    /** A test datastore whose maintenance operations fail when {@code testErrors}. */
    public TestDatastore(boolean testErrors) {
        this.testErrors = testErrors;
    }

    private void maybeFail() {
        if (testErrors) {
            throw new DatastoreException(TEST_ERROR_MESSAGE);
        }
    }

    @Override
    public void check() {
        maybeFail();
    }

    @Override
    public void scrub() {
        maybeFail();
    }

    @Override
    public void collectGarbage() {
        maybeFail();
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

    @Override
    public String toString() {
        return "TestDatastore(" + testErrors + ")";
    }
}
