package io.github.blobds.measure;

import io.github.blobds.conformance.DatastoreSuite;
import io.github.blobds.conformance.TestDatastore;
import io.github.blobds.datastore.Datastore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

// go-ds-measure measure_test.go TestSuite
/** go-ds-measure's TestSuite: SubtestAll on {@code measure.New("measure", dstest.NewTestDatastore(false))}. */
class MeasureDatastoreSuiteTest extends DatastoreSuite {
    @Override
    protected Datastore createDatastore() {
        return MeasureDatastore.wrap("measure", new TestDatastore(false), new SimpleMeterRegistry());
    }
}
