package io.github.blobds.levelds;

import io.github.blobds.conformance.DatastoreSuite;
import io.github.blobds.conformance.SkipSubtests;
import io.github.blobds.datastore.Datastore;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite again with go-ds-leveldb's default, synced writes: every put and delete forces the log.
 * go's {@code ElemCount} is lowered to 20 (go's own value under the race detector) and the 1151 query
 * combinations are left out, as for flatfs: sync changes only put, delete and commit, which every other
 * subtest and the model check exercise, while the combinations would add some 65,000 forced writes
 * (40 to 100 s on a 2-core machine) to re-check query logic that {@link LeveldbSuiteTest} covers
 * unsynced at 100.
 */
class LeveldbSyncedSuiteTest extends DatastoreSuite {

    @RegisterExtension
    static final SkipSubtests SKIP = new SkipSubtests(Map.of("combinations",
            "the query combinations run unsynced in LeveldbSuiteTest; sync does not change how queries are answered"));

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
