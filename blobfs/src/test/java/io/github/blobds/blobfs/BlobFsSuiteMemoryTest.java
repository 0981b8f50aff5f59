package io.github.blobds.blobfs;

import io.github.blobds.blobstore.BlobstoreOptions;
import io.github.blobds.conformance.BlobFsSuite;
import io.github.blobds.sim.MemoryDevice;
import io.github.blobds.sim.SimBlobstore;
import java.io.IOException;
import java.nio.file.FileSystem;

/** The BlobFS conformance suite on a 64 MiB memory device: 4096-byte blocks, 64 KiB clusters. */
class BlobFsSuiteMemoryTest extends BlobFsSuite {

    static final BlobstoreOptions OPTIONS = BlobstoreOptions.defaults().withBstype(BlobFs.BSTYPE).withClusterSize(64 << 10);

    private final MemoryDevice device = MemoryDevice.ofBytes(64 << 20, 4096);
    private BlobFileSystem fs;

    @Override
    protected FileSystem createFileSystem() throws IOException {
        return fs = BlobFileSystem.open(SimBlobstore.init(device, OPTIONS), true);
    }

    @Override
    protected FileSystem reopen() throws IOException {
        fs.close();
        return fs = BlobFileSystem.open(SimBlobstore.load(device, OPTIONS), true);
    }

    @Override
    protected long clusterSize() {
        return OPTIONS.clusterSize();
    }
}
