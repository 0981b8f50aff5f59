package io.github.blobds.compose;

import io.github.blobds.conformance.DatastoreSuite;
import io.github.blobds.conformance.ModelCheck;
import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.Key;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * go-datastore's suite on a composed tree, laid out as go-ds-flatfs's own TestSuite (flatfs_test.go
 * TestSuite: flatfs mounted at /capital beside a map at /, since flatfs takes only upper-case top-level
 * keys and keeps the first of two puts in a batch): here flatfs at /capital and kubo's levelds at /,
 * both inside one BlobFS on a memory image, so the whole composition — mount, shared BlobFS, flatfs and
 * levelds on it — runs the suite. Each datastore is a fresh repo.
 */
class ComposedSuiteTest extends DatastoreSuite {

    static final String SPEC = """
            {"type": "mount", "mounts": [
              {"mountpoint": "/capital", "type": "flatfs", "path": "capital", "shardFunc": "/repo/flatfs/shard/v1/prefix/2", "sync": false,
               "blobfs": {"image": "ram", "size": "256MiB", "clusterSize": 65536, "backend": "memory"}},
              {"mountpoint": "/", "type": "levelds", "path": "datastore", "compression": "none",
               "blobfs": {"image": "ram", "size": "256MiB", "clusterSize": 65536, "backend": "memory"}}
            ]}""";

    @TempDir
    static Path root;

    private static final Composition COMPOSITION = Specs.COMPOSER.parse(SPEC);
    private final AtomicInteger repos = new AtomicInteger();

    @Override
    protected Datastore createDatastore() {
        return COMPOSITION.open(root.resolve("repo" + repos.incrementAndGet()));
    }

    /** The model's keys, and flatfs keys below /capital. */
    @Override
    protected Gen<Key> modelKeys() {
        return keys();
    }

    static Gen<Key> keys() {
        Gen<Key> keys = SourceDSL.lists().of(Generate.pick(ModelCheck.SEGMENTS)).ofSizeBetween(1, 3).map(Key::ofNamespaces);
        return keys.mix(Generate.pick(List.of("A", "B", "0", "AB")).map(s -> Key.of("/capital/" + s)), 30);
    }
}
