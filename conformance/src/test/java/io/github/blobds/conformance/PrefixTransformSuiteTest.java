package io.github.blobds.conformance;

import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.KeyTransformDatastore;
import io.github.blobds.datastore.PrefixTransform;

/** go-datastore keytransform/keytransform_test.go TestSuitePrefixTransform: SubtestAll with PrefixTransform{/foo}. */
class PrefixTransformSuiteTest extends DatastoreSuite {
    @Override
    protected Datastore createDatastore() {
        return KeyTransformDatastore.wrap(new TestDatastore(true), new PrefixTransform(Key.of("/foo")));
    }
}
