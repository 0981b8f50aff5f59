package io.github.blobds.blobfs;

import io.github.blobds.blobstore.BlobstoreOptions;
import io.github.blobds.conformance.BlobFsSuite;
import io.github.blobds.sim.FileDevice;
import io.github.blobds.sim.SimBlobstore;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BlobFS conformance suite on an image file (a 64 MiB sparse file, 4096-byte blocks, 64 KiB
 * clusters), closed and opened again from its path on every reopen.
 */
class BlobFsSuiteFileTest extends BlobFsSuite {

    /** A new sparse file reads as zeroes already, so init need not clear it. */
    static final BlobstoreOptions OPTIONS = BlobFsSuiteMemoryTest.OPTIONS.withClearMethod(BlobstoreOptions.BsClearMethod.NONE);

    @TempDir
    Path dir;
    private FileDevice device;
    private BlobFileSystem fs;

    @Override
    protected FileSystem createFileSystem() throws IOException {
        device = FileDevice.create(dir.resolve("blobfs.img"), 64 << 20, 4096);
        return fs = BlobFileSystem.open(SimBlobstore.init(device, OPTIONS), true);
    }

    @Override
    protected FileSystem reopen() throws IOException {
        fs.close();
        device.close();
        device = FileDevice.open(dir.resolve("blobfs.img"), 4096);
        return fs = BlobFileSystem.open(SimBlobstore.load(device, OPTIONS), true);
    }

    @Override
    protected long clusterSize() {
        return OPTIONS.clusterSize();
    }

    @AfterEach
    void closeDevice() throws IOException {
        if (fs != null) {
            fs.close();
        }
        if (device != null) {
            device.close();
        }
    }
}
