package io.github.blobds.conformance;

import io.github.blobds.datastore.NullDatastore;
import org.junit.jupiter.api.Test;

/** go-datastore null_ds_test.go TestNullDatastore: NullDatastore passes only SubtestNotFounds. */
class NullDatastoreTest {

    @Test
    void notFounds() {
        try (NullDatastore ds = new NullDatastore()) {
            DatastoreSubtests.notFounds(ds);
        }
    }
}
