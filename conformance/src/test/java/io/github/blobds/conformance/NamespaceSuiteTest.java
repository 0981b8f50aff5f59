package io.github.blobds.conformance;

import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.Namespace;

/** go-datastore namespace/namespace_test.go TestSuite: SubtestAll on namespace /foo over TestDatastore(true). */
class NamespaceSuiteTest extends DatastoreSuite {
    @Override
    protected Datastore createDatastore() {
        return Namespace.wrap(new TestDatastore(true), Key.of("/foo"));
    }
}
