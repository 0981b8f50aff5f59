package io.github.blobds.compose;

import io.github.blobds.conformance.DatastoreSuite;
import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.Key;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/**
 * go-datastore's suite on a composed tree on the repo's file system, laid out exactly as go-ds-flatfs's
 * TestSuite (flatfs_test.go: flatfs with Prefix(2) mounted at /capital, a map datastore at /). Here the
 * flatfs is unsynced and / is kubo's {@code mem}: kubo's synced levelds on a real disk makes the suite's
 * ~300,000 writes each an fsync (minutes); levelds runs the suite in {@link ComposedSuiteTest}, on BlobFS.
 * Each datastore is a fresh repo.
 */
class ComposedFileSystemSuiteTest extends DatastoreSuite {

    private static final String SPEC = """
            {"type": "mount", "mounts": [
              {"mountpoint": "/capital", "type": "flatfs", "path": "capital", "shardFunc": "/repo/flatfs/shard/v1/prefix/2", "sync": false},
              {"mountpoint": "/", "type": "mem"}
            ]}""";

    @TempDir
    static Path root;

    private static final Composition COMPOSITION = Specs.COMPOSER.parse(SPEC);
    private final AtomicInteger repos = new AtomicInteger();

    @Override
    protected Datastore createDatastore() {
        return COMPOSITION.open(root.resolve("repo" + repos.incrementAndGet()));
    }

    @Override
    protected Gen<Key> modelKeys() {
        return ComposedSuiteTest.keys();
    }
}
