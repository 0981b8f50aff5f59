package io.github.blobds.cli;

import io.github.blobds.blobstore.BlobstoreException;
import io.github.blobds.blobstore.BlobstoreOptions;
import io.github.blobds.sim.BlockDevice;
import io.github.blobds.sim.SimBlobstore;

/** Loading a Blobstore image with the simulator, with failures that name the image. */
final class BlobstoreImages {

    private BlobstoreImages() {
    }

    /** The blobstore on {@code dev}, any bstype; with {@code recover}, its allocation rebuilt from the metadata pages. */
    static SimBlobstore load(BlockDevice dev, boolean recover) {
        try {
            return SimBlobstore.load(dev, BlobstoreOptions.defaults().withForceRecover(recover));
        } catch (BlobstoreException e) {
            throw new CliException(dev + " does not load as a Blobstore: " + e.getMessage(), e);
        }
    }
}
