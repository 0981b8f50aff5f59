package io.github.blobds.mount;

import io.github.blobds.conformance.DatastoreSuite;
import io.github.blobds.conformance.TestDatastore;
import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.MapDatastore;
import io.github.blobds.datastore.SynchronizedDatastore;

/**
 * The conformance suite over a mount of mounts: synchronized maps at {@code /} and {@code /a}, a second
 * mount datastore at {@code /prefix} (itself holding {@code /sub} and {@code /}), and a
 * {@link TestDatastore} at {@code /capital}, where go's suite writes upper-case keys.
 */
class NestedMountSuiteTest extends DatastoreSuite {
    @Override
    protected Datastore createDatastore() {
        MountDatastore inner = MountDatastore.of(
                new Mount(Key.of("/sub"), SynchronizedDatastore.wrap(new MapDatastore())),
                new Mount(Key.ROOT, SynchronizedDatastore.wrap(new MapDatastore())));
        return MountDatastore.of(
                new Mount(Key.ROOT, SynchronizedDatastore.wrap(new MapDatastore())),
                new Mount(Key.of("/a"), SynchronizedDatastore.wrap(new MapDatastore())),
                new Mount(Key.of("/prefix"), inner),
                new Mount(Key.of("/capital"), new TestDatastore(false)));
    }
}
