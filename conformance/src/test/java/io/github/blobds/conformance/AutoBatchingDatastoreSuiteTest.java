package io.github.blobds.conformance;

import io.github.blobds.datastore.AutoBatchingDatastore;
import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.MapDatastore;

/** go-datastore autobatch/autobatch_test.go TestAutobatch: SubtestAll on autobatch(MapDatastore, 16); not Batching, so no batch tests. */
class AutoBatchingDatastoreSuiteTest extends DatastoreSuite {
    @Override
    protected Datastore createDatastore() {
        return AutoBatchingDatastore.wrap(new MapDatastore(), 16);
    }
}
