package io.github.blobds.blobfs;

import io.github.blobds.blobstore.BlobstoreOptions;
import io.github.blobds.conformance.BlobFsSuite;
import io.github.blobds.sim.MemoryDevice;
import io.github.blobds.sim.SimBlobstore;
import io.github.blobds.sim.SimulatedDevice;
import java.nio.file.FileSystem;

/** The BlobFS suite on a {@link SimulatedDevice} (volatile writes until flush, misuse detection) over memory. */
class BlobFsSuiteSimulatedTest extends BlobFsSuite {

    static final BlobstoreOptions OPTS = BlobstoreOptions.defaults().withBstype("BLOBFS").withClusterSize(64 << 10);

    private SimulatedDevice dev;
    private BlobFileSystem fs;

    @Override
    protected long clusterSize() {
        return 64 << 10;
    }

    @Override
    protected FileSystem createFileSystem() throws Exception {
        dev = new SimulatedDevice(MemoryDevice.ofBytes(64 << 20, 4096), 42);
        fs = BlobFileSystem.open(SimBlobstore.init(dev, OPTS), true);
        return fs;
    }

    @Override
    protected FileSystem reopen() throws Exception {
        fs.close();
        fs = BlobFileSystem.open(SimBlobstore.load(dev, OPTS), true);
        return fs;
    }
}
