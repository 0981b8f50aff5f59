package io.github.blobds.levelds;

import io.github.blobds.conformance.DatastoreSuite;
import io.github.blobds.datastore.Datastore;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/**
 * go-ds-leveldb ds_test.go TestSuite (there on an in-memory LevelDB, here on the default file system):
 * go-datastore's whole suite, the 1151 combinations and the model-based check, with unsynced writes so
 * that the combinations' ~300,000 puts and deletes are not each an fsync.
 */
class LeveldbSuiteTest extends DatastoreSuite {

    @TempDir
    static Path root;

    private final AtomicInteger opened = new AtomicInteger();

    @Override
    protected Datastore createDatastore() {
        return LeveldbDatastore.open(root.resolve("db" + opened.incrementAndGet()),
                LeveldbOptions.builder().syncWrites(false).build());
    }
}
