package io.github.blobds.mount;

import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.InvalidArgumentException;
import io.github.blobds.datastore.Key;

/**
 * A datastore mounted at a key prefix (go-datastore's {@code mount.Mount}). Keys strictly below
 * {@code prefix} are stored in {@code datastore} with the prefix cut off: with a mount at {@code /blocks},
 * the key {@code /blocks/CIQA} is stored in the child as {@code /CIQA}. The key equal to the prefix is not
 * below it: it belongs to the mount above (see {@link MountDatastore}).
 *
 * @param prefix    where the datastore is mounted; {@link Key#ROOT} catches every key no other mount takes
 * @param datastore the datastore holding the keys below {@code prefix}
 */
public record Mount(Key prefix, Datastore datastore) {

    /**
     * A mount; both parts are required.
     *
     * @throws io.github.blobds.datastore.InvalidArgumentException naming a part that is null
     */
    public Mount {
        InvalidArgumentException.requireNonNull(prefix, "mount prefix");
        InvalidArgumentException.requireNonNull(datastore, "datastore mounted at " + prefix);
    }
}
