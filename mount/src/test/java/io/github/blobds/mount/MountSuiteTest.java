package io.github.blobds.mount;

import io.github.blobds.conformance.DatastoreSuite;
import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.MapDatastore;
import java.util.List;

/** go-datastore mount/mount_test.go TestSuite: SubtestAll over maps mounted at /prefix, /prefix/sub, /0 and /. */
class MountSuiteTest extends DatastoreSuite {
    @Override
    protected Datastore createDatastore() {
        return MountDatastore.of(List.of(
                new Mount(Key.of("/prefix"), new MapDatastore()),
                new Mount(Key.of("/prefix/sub"), new MapDatastore()),
                new Mount(Key.of("/0"), new MapDatastore()),
                new Mount(Key.of("/"), new MapDatastore())));
    }
}
