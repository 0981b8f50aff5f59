package io.github.blobds.compose;

import io.github.blobds.blobfs.BlobFileSystem;
import io.github.blobds.blobfs.BlobFs;
import io.github.blobds.blobstore.Blobstore;
import io.github.blobds.blobstore.BlobstoreOptions;
import io.github.blobds.datastore.DatastoreException;
import io.github.blobds.sim.BlockDevice;
import io.github.blobds.sim.FileDevice;
import io.github.blobds.sim.MemoryDevice;
import io.github.blobds.sim.SimBlobstore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;

/**
 * Opens the BlobFS of a {@link BlobFsPlacement}: the device (or SPDK bdev), the Blobstore on it
 * (formatted with the placement's cluster size and metadata pages when the image is new, loaded
 * otherwise; see {@link BlobFsPlacement.Bdev} for bdevs) and the file system, each handed to
 * {@code owner} as soon as it is open so that it is closed after its users, in
 * reverse order: file system, Blobstore (a clean unload), device.
 */
final class BlobFsImage {

    private BlobFsImage() {
    }

    static BlobFileSystem open(BlobFsPlacement placement, Path repo, boolean existingRepo, BiConsumer<String, AutoCloseable> owner) {
        String name = "blobfs " + placement.describe();
        try {
            Blobstore blobstore = switch (placement) {
                case BlobFsPlacement.Bdev b -> SpdkBdev.open(b, repo, existingRepo, name, owner);
                case BlobFsPlacement.Image p -> switch (p.backend()) {
                    case SPDK -> SpdkImage.open(repo.resolve(p.image()).normalize(), p, name, owner);
                    case MEMORY -> format(owned(owner, name + " (memory device)", MemoryDevice.ofBytes(p.size(), BlobFsPlacement.BLOCK_SIZE)), p);
                    case SIM -> onFile(repo.resolve(p.image()).normalize(), p, name, owner);
                };
            };
            owner.accept(name + " (blobstore)", blobstore);
            BlobFileSystem fs = BlobFileSystem.open(blobstore, false);
            owner.accept(name + " (BlobFS)", fs);
            return fs;
        } catch (DatastoreException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DatastoreException(name + ": cannot open its BlobFS: " + e.getMessage(), e);
        }
    }

    private static SimBlobstore onFile(Path file, BlobFsPlacement.Image p, String name, BiConsumer<String, AutoCloseable> owner) throws IOException {
        if (Files.exists(file)) {
            FileDevice dev = owned(owner, name + " (" + file + ")", FileDevice.open(file, BlobFsPlacement.BLOCK_SIZE));
            SimBlobstore bs = SimBlobstore.load(dev, BlobstoreOptions.defaults());
            if (bs.clusterSize() != p.clusterSize()) {
                bs.close();
                throw new DatastoreException(name + " (" + file + ") has " + bs.clusterSize() + "-byte clusters, the spec says "
                        + p.clusterSize());
            }
            return bs;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileDevice dev = FileDevice.create(file, p.size(), BlobFsPlacement.BLOCK_SIZE);
        try {
            SimBlobstore bs = format(dev, p);
            owned(owner, name + " (" + file + ")", dev);
            return bs;
        } catch (RuntimeException e) {
            dev.close();
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /**
     * Formats a device that is new and therefore already zero (a fresh sparse file, a new memory device):
     * the data area is not cleared again (SPDK's {@code BS_CLEAR_WITH_NONE}), which on a file device would
     * write zeroes over the whole image.
     */
    private static SimBlobstore format(BlockDevice dev, BlobFsPlacement.Image p) {
        return SimBlobstore.init(dev, BlobstoreOptions.defaults().withBstype(BlobFs.BSTYPE)
                .withClusterSize(p.clusterSize()).withNumMdPages(p.mdPages()).withClearMethod(BlobstoreOptions.BsClearMethod.NONE));
    }

    private static <T extends AutoCloseable> T owned(BiConsumer<String, AutoCloseable> owner, String what, T resource) {
        owner.accept(what, resource);
        return resource;
    }
}
