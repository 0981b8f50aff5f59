package io.github.blobds.conformance;

import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.MapDatastore;
import io.github.blobds.datastore.SynchronizedDatastore;

/** go-datastore sync/sync_test.go TestSync: SubtestAll on MutexWrap(MapDatastore). */
class SynchronizedDatastoreSuiteTest extends DatastoreSuite {
    @Override
    protected Datastore createDatastore() {
        return SynchronizedDatastore.wrap(new MapDatastore());
    }
}
