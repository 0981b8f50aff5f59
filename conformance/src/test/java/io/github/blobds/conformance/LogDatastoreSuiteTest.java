package io.github.blobds.conformance;

import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.LogDatastore;
import io.github.blobds.datastore.MapDatastore;

/** go-datastore basic_ds_test.go TestLogDatastore: SubtestAll on LogDatastore over a MapDatastore. */
class LogDatastoreSuiteTest extends DatastoreSuite {
    @Override
    protected Datastore createDatastore() {
        return LogDatastore.wrap(new MapDatastore(), "");
    }
}
