package io.github.blobds.flatfs;

import io.github.blobds.blobfs.BlobFileSystem;
import io.github.blobds.blobstore.BlobstoreOptions;
import io.github.blobds.conformance.DatastoreSuite;
import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.Key;
import io.github.blobds.sim.MemoryDevice;
import io.github.blobds.sim.SimBlobstore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quicktheories.core.Gen;

/**
 * {@link FlatfsMountSuiteTest} with flatfs on BlobFS over a simulated Blobstore in memory (256 MiB,
 * 16 KiB clusters), sync on: the same code on a file system that is not the default one, whose
 * directories are implied by names and cannot be opened as channels (directory forcing is skipped;
 * BlobFS makes names durable itself). go's {@code ElemCount} is 20 to keep the class short.
 */
class FlatfsBlobFsSuiteTest extends DatastoreSuite {

    private final BlobFileSystem fs = newFileSystem();
    private final AtomicInteger opened = new AtomicInteger();

    static BlobFileSystem newFileSystem() {
        SimBlobstore bs = SimBlobstore.init(MemoryDevice.ofBytes(256L << 20, 4096),
                BlobstoreOptions.defaults().withBstype("BLOBFS").withClusterSize(16 << 10));
        try {
            return BlobFileSystem.open(bs, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the file system after the suite's own {@code @AfterAll} has closed the datastore. */
    @RegisterExtension
    final AfterAllCallback closeFileSystem = context -> fs.close();

    @Override
    protected Datastore createDatastore() {
        Path root = fs.getPath("/");
        return FlatfsMountSuiteTest.mounted(root, opened, true);
    }

    @Override
    protected int elemCount() {
        return 20;
    }

    @Override
    protected Gen<Key> modelKeys() {
        return FlatfsMountSuiteTest.mixedKeys();
    }
}
