package io.github.blobds.flatfs;

import io.github.blobds.conformance.DatastoreSuite;
import io.github.blobds.conformance.ModelCheck;
import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.MapDatastore;
import io.github.blobds.mount.Mount;
import io.github.blobds.mount.MountDatastore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * go-ds-flatfs flatfs_test.go TestSuite: go-datastore's whole suite on flatfs (prefix/2, sync off)
 * mounted at {@code /capital} beside a map at {@code /}, as go runs it — the suite's
 * {@code /capital/<i>KEY<i>} keys are the ones flatfs can hold. The model-based check mixes the suite's
 * keys (in the map) with flatfs keys under {@code /capital}.
 */
class FlatfsMountSuiteTest extends DatastoreSuite {

    @TempDir
    static Path root;

    private final AtomicInteger opened = new AtomicInteger();

    /** The mount go's TestSuite builds, on a new flatfs directory under {@code parent}. */
    static Datastore mounted(Path parent, AtomicInteger counter, boolean sync) {
        FlatfsDatastore fs = FlatfsDatastore.createOrOpen(parent.resolve("ffs" + counter.incrementAndGet()), ShardFunction.prefix(2), sync);
        return MountDatastore.of(new Mount(Key.of("/capital"), fs), new Mount(Key.ROOT, new MapDatastore()));
    }

    /** The default model keys and, as often, {@code /capital/<flatfs key>}. */
    static Gen<Key> mixedKeys() {
        Gen<Key> mapKeys = SourceDSL.lists().of(Generate.pick(ModelCheck.SEGMENTS)).ofSizeBetween(1, 3).map(Key::ofNamespaces);
        Gen<Key> flatfsKeys = Generate.pick(List.of("A", "B", "AB", "CIQA", "0", "A-B", "=", "Z_9"))
                .map(s -> Key.of("/capital/" + s));
        return mapKeys.mix(flatfsKeys, 50);
    }

    @Override
    protected Datastore createDatastore() {
        return mounted(root, opened, false);
    }

    @Override
    protected Gen<Key> modelKeys() {
        return mixedKeys();
    }
}
