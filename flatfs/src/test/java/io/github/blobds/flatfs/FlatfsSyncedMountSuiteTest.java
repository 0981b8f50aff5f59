package io.github.blobds.flatfs;

import io.github.blobds.conformance.DatastoreSuite;
import io.github.blobds.conformance.SkipSubtests;
import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.Key;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/**
 * {@link FlatfsMountSuiteTest} again with {@code sync} on: every put forces its file and directory
 * (two fsyncs, about 5 ms on this machine's disk). go's {@code ElemCount} is lowered to 20 (go's own
 * value under the race detector) and the 1151 query combinations are left out: sync changes only
 * put, delete and commit, which every other subtest and the model check exercise, while the
 * combinations would add some 8 000 synced puts (40 s) to re-check query logic that
 * {@link FlatfsMountSuiteTest} covers unsynced at 100.
 */
class FlatfsSyncedMountSuiteTest extends DatastoreSuite {

    @RegisterExtension
    static final SkipSubtests SKIP = new SkipSubtests(Map.of("combinations",
            "the query combinations run unsynced in FlatfsMountSuiteTest; sync does not change how queries are answered"));

    @TempDir
    static Path root;

    private final AtomicInteger opened = new AtomicInteger();

    @Override
    protected Datastore createDatastore() {
        return FlatfsMountSuiteTest.mounted(root, opened, true);
    }

    @Override
    protected int elemCount() {
        return 20;
    }

    @Override
    protected Gen<Key> modelKeys() {
        return FlatfsMountSuiteTest.mixedKeys();
    }
}
