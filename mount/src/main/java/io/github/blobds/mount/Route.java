package io.github.blobds.mount;

import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.Key;

/**
 * Where a key or query prefix goes: a mount, and the key or prefix within its datastore.
 *
 * @param mount the mount
 * @param rest  the key (for {@code lookup}) or prefix (for {@code lookupAll}) inside the mount's datastore
 */
record Route(Mount mount, Key rest) {

    /** The route of {@code key} into {@code mount}, whose prefix equals or is an ancestor of it (Go's {@code TrimPrefix} then {@code NewKey}). */
    static Route trimmed(Mount mount, Key key) {
        return new Route(mount, Key.of(key.toString().substring(mount.prefix().toString().length())));
    }

    Datastore datastore() {
        return mount.datastore();
    }

    Key prefix() {
        return mount.prefix();
    }
}
