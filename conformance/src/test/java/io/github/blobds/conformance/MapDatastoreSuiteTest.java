package io.github.blobds.conformance;

import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.MapDatastore;

/** go-datastore basic_ds_test.go TestMapDatastore: SubtestAll on MapDatastore. */
class MapDatastoreSuiteTest extends DatastoreSuite {
    @Override
    protected Datastore createDatastore() {
        return new MapDatastore();
    }
}
