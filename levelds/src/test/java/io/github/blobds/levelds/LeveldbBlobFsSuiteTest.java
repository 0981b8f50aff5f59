package io.github.blobds.levelds;

import io.github.blobds.blobfs.BlobFileSystem;
import io.github.blobds.blobstore.BlobstoreOptions;
import io.github.blobds.conformance.DatastoreSuite;
import io.github.blobds.datastore.Datastore;
import io.github.blobds.sim.MemoryDevice;
import io.github.blobds.sim.SimBlobstore;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The suite on BlobFS over a simulated Blobstore on a {@link MemoryDevice} (256 MiB, 64 KiB clusters):
 * the same LevelDB code, its files in BlobFS. Writes are not synced here (the synced path is the same
 * Env call as on the default file system, covered by {@link LeveldbSyncedSuiteTest}).
 */
class LeveldbBlobFsSuiteTest extends DatastoreSuite {

    private final BlobFileSystem fs = newFileSystem();
    private final AtomicInteger opened = new AtomicInteger();

    static BlobFileSystem newFileSystem() {
        SimBlobstore bs = SimBlobstore.init(MemoryDevice.ofBytes(256L << 20, 4096),
                BlobstoreOptions.defaults().withBstype("BLOBFS").withClusterSize(64 << 10));
        try {
            return BlobFileSystem.open(bs, true);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    protected Datastore createDatastore() {
        return LeveldbDatastore.open(fs.getPath("/db" + opened.incrementAndGet()),
                LeveldbOptions.builder().syncWrites(false).build());
    }

    /** Closes the file system after the suite's own {@code @AfterAll} has closed the datastore. */
    @RegisterExtension
    final AfterAllCallback closeFileSystem = context -> fs.close();
}
