package io.github.blobds.cli;

import io.github.blobds.blobfs.BlobFileSystem;
import io.github.blobds.blobfs.BlobFs;
import io.github.blobds.blobstore.BlobstoreException;
import io.github.blobds.sim.BlockDevice;
import io.github.blobds.sim.FileDevice;
import io.github.blobds.sim.SimBlobstore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A BlobFS on an image file, driven by the Blobstore simulator: opened for reading only (changes, such as
 * load's repairs, stay in memory: {@link ReadOnlyImage}), or for writing (the file's own device), or
 * created. Closing closes the file system, unloads the Blobstore cleanly and closes the device.
 */
final class BlobFsImageFile implements AutoCloseable {

    private final BlockDevice dev;
    private final BlobFileSystem fs;

    private BlobFsImageFile(BlockDevice dev, BlobFileSystem fs) {
        this.dev = dev;
        this.fs = fs;
    }

    static BlobFsImageFile openReadOnly(ImageOption image) {
        image.checkBlockSize();
        ReadOnlyImage dev = ReadOnlyImage.open(image.image, image.blockSize);
        return mount(dev, BlobstoreImages.load(dev, false));
    }

    static BlobFsImageFile openForWriting(ImageOption image) {
        image.checkBlockSize();
        if (!Files.isRegularFile(image.image)) {
            throw new CliException("image " + image.image + " does not exist (give --size to create it)");
        }
        int blockSize;
        try (ReadOnlyImage probe = ReadOnlyImage.open(image.image, image.blockSize)) {
            blockSize = probe.blockSize();
        }
        FileDevice dev = FileDevice.open(image.image, blockSize);
        try {
            return mount(dev, BlobstoreImages.load(dev, false));
        } catch (RuntimeException e) {
            dev.close();
            throw e;
        }
    }

    /** Formats a new image file of {@code size} bytes with BlobFS (bstype BLOBFS, {@code clusterSize}, one md page per cluster). */
    static BlobFsImageFile create(Path image, long size, long clusterSize) {
        if (Files.exists(image)) {
            throw new CliException("image " + image + " already exists");
        }
        if (size <= 0 || size % 4096 != 0 || clusterSize <= 0 || clusterSize % 4096 != 0) {
            throw new CliException("image size " + size + " and cluster size " + clusterSize + " must be positive multiples of 4096");
        }
        FileDevice dev = FileDevice.create(image, size, 4096);
        try {
            SimBlobstore bs = SimBlobstore.init(dev, BlobFs.formatOptions(clusterSize, -1)
                    .withClearMethod(io.github.blobds.blobstore.BlobstoreOptions.BsClearMethod.NONE));
            return mount(dev, bs);
        } catch (RuntimeException e) {
            dev.close();
            try {
                Files.deleteIfExists(image);
            } catch (IOException ignored) {
                // reporting the cause matters more
            }
            throw new CliException("cannot format image " + image + ": " + e.getMessage(), e);
        }
    }

    private static BlobFsImageFile mount(BlockDevice dev, SimBlobstore bs) {
        try {
            return new BlobFsImageFile(dev, BlobFileSystem.open(bs, true));
        } catch (IOException | BlobstoreException e) {
            bs.close();
            dev.close();
            throw new CliException(dev + " holds no BlobFS: " + e.getMessage(), e);
        }
    }

    BlobFileSystem fs() {
        return fs;
    }

    /** The path of the BlobFS file {@code name}. */
    Path path(String name) {
        return fs.getPath("/" + name);
    }

    @Override
    public void close() throws IOException {
        try {
            fs.close();
        } finally {
            dev.close();
        }
    }
}
