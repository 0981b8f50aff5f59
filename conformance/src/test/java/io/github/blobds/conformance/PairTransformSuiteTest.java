package io.github.blobds.conformance;

import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.KeyTransform;
import io.github.blobds.datastore.KeyTransformDatastore;

/**
 * go-datastore keytransform/keytransform_test.go TestSuiteDefaultPair: SubtestAll through a custom
 * {@code Pair} (prefix {@code /abc} added and removed by functions), which is not known to preserve
 * order, so key orders run naively.
 */
class PairTransformSuiteTest extends DatastoreSuite {

    static final Key PREFIX = Key.of("/abc");

    static final KeyTransform PAIR = KeyTransform.pair(
            k -> PREFIX.child(k),
            k -> Key.raw(k.toString().substring(PREFIX.toString().length())));

    @Override
    protected Datastore createDatastore() {
        return KeyTransformDatastore.wrap(new TestDatastore(true), PAIR);
    }
}
