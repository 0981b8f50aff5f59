package io.github.blobds.levelds;

import io.github.blobds.conformance.DatastoreSuite;
import io.github.blobds.datastore.Datastore;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite again with go-ds-leveldb's default, synced writes: every put and delete forces the log.
 * go's {@code ElemCount} is lowered to 20 (go's own value under the race detector): the combinations
 * then make about 65,000 forced writes instead of about 300,000 (40 to 50 s here instead of several
 * minutes, at this machine's 0.2 to 3 ms per fsync); the unsynced {@link LeveldbSuiteTest} runs them at 100.
 */
class LeveldbSyncedSuiteTest extends DatastoreSuite {

    @TempDir
    static Path root;

    private final AtomicInteger opened = new AtomicInteger();

    @Override
    protected Datastore createDatastore() {
        return LeveldbDatastore.open(root.resolve("db" + opened.incrementAndGet()));
    }

    @Override
    protected int elemCount() {
        return 20;
    }
}
