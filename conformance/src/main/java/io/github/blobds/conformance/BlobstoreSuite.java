package io.github.blobds.conformance;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.blobstore.Blob;
import io.github.blobds.blobstore.Blobstore;
import io.github.blobds.blobstore.BlobstoreOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The Blobstore conformance suite: SPDK's own blobstore unit tests ({@code
 * test/unit/lib/blob/blob.c/blob_ut.c}, v26.05; reference §6.1) ported to the {@link Blobstore} SPI,
 * asserting SPDK's exact errnos through {@link io.github.blobds.blobstore.BlobstoreException#errno()}.
 * It covers what needs no snapshots, clones, channels, external snapshots, growing, power failures or
 * device-error injection. Subclass it with a device and the two entry points:
 *
 * <pre>{@code
 * class SimBlobstoreSuiteTest extends BlobstoreSuite {
 *     private MemoryDevice device;
 *
 *     @Override
 *     protected Blobstore init(BlobstoreOptions options) {
 *         device = MemoryDevice.ofBytes(deviceBytes(), blockSize());
 *         return SimBlobstore.init(device, options);
 *     }
 *
 *     @Override
 *     protected Blobstore load(BlobstoreOptions options) {
 *         return SimBlobstore.load(device, options);
 *     }
 * }
 * }</pre>
 *
 * <p>What the suite relies on:
 * <ul>
 *   <li>{@link #init} formats a <em>fresh, zeroed</em> device every time it is called (a test may call it
 *       several times, also after an init that failed) and lets a {@link
 *       io.github.blobds.blobstore.BlobstoreException} escape unwrapped. SPDK's tests read never-written
 *       areas of new thick blobs as zeroes; so does this suite, on fresh devices only.</li>
 *   <li>{@link #load} opens the device of the last init again. The suite calls it only after the
 *       previous blobstore was closed cleanly, possibly several times in a row, also after a load that
 *       failed (a wrong bstype).</li>
 *   <li>{@link #deviceBytes()} is a multiple of 4 MiB from 64 MiB to under 16 GiB (a quarter of it must be
 *       a valid cluster size); {@link #blockSize()} is 512 or 4096. Sizes and offsets are computed from
 *       {@link Blobstore#ioUnitSize()}, so a subclass with 512-byte blocks runs SPDK's {@code blob_io_unit}
 *       configuration through every I/O test.</li>
 * </ul>
 *
 * <p>Each test starts from a fresh device and ends by closing its blob handles and blobstores (in
 * {@link AfterEach}). Data comes from a {@link Random} seeded with a fixed value, or with {@code
 * -Dblobds.seed=…}; a failure prints the seed. Nothing sleeps or measures time.
 */
public abstract class BlobstoreSuite {

    private static final long SEED = Long.getLong("blobds.seed", 0x5EED_B10BL);

    @RegisterExtension
    static final TestExecutionExceptionHandler SEED_ON_FAILURE = (context, thrown) -> {
        if (thrown instanceof AssertionError a) {
            AssertionError withSeed = new AssertionError(a.getMessage() + " [seed " + SEED + ", replay with -Dblobds.seed=" + SEED + "]", a.getCause());
            withSeed.setStackTrace(a.getStackTrace());
            throw withSeed;
        }
        throw thrown;
    };

    private final List<Blobstore> stores = new ArrayList<>();
    private final List<Blob> handles = new ArrayList<>();
    private Blobstore current;
    private Random random;

    /**
     * Formats a fresh, zeroed device of {@link #deviceBytes()} bytes with {@link #blockSize()}-byte blocks
     * and inits a blobstore on it (SPDK's {@code spdk_bs_init}).
     */
    protected abstract Blobstore init(BlobstoreOptions options) throws Exception;

    /** Loads the blobstore from the device the last {@link #init} used, after a clean close (SPDK's {@code spdk_bs_load}). */
    protected abstract Blobstore load(BlobstoreOptions options) throws Exception;

    /** The device size in bytes: SPDK's unit-test device, 64 MiB, unless overridden. */
    protected long deviceBytes() {
        return 64L << 20;
    }

    /** The device block size in bytes, which becomes the io_unit: 4096 unless overridden (512 runs {@code blob_io_unit}). */
    protected int blockSize() {
        return 4096;
    }

    @BeforeEach
    final void prepare() {
        assertTrue(deviceBytes() >= 64L << 20 && deviceBytes() < 16L << 30 && deviceBytes() % (4L << 20) == 0,
                () -> "deviceBytes() must be a multiple of 4 MiB from 64 MiB to under 16 GiB, not " + deviceBytes());
        assertTrue(blockSize() == 512 || blockSize() == 4096, () -> "blockSize() must be 512 or 4096, not " + blockSize());
        random = new Random(SEED);
    }

    /** Closes every handle the test opened, then every blobstore it made (both are idempotent); rethrows the first failure. */
    @AfterEach
    final void closeEverything() {
        RuntimeException first = null;
        for (Blob b : handles) {
            try {
                b.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        handles.clear();
        for (Blobstore s : stores) {
            try {
                s.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        stores.clear();
        current = null;
        if (first != null) {
            throw first;
        }
    }

    final Random random() {
        return random;
    }

    /** The blobstore of the last successful init or load. */
    final Blobstore store() {
        assertNotNull(current, "no blobstore: the test must init one first");
        return current;
    }

    /** Closes the current blobstore, if any, and inits a new one on a fresh device. */
    final Blobstore initStore(BlobstoreOptions options) throws Exception {
        if (current != null) {
            current.close();
            current = null;
        }
        current = track(init(options));
        return current;
    }

    /** Closes the current blobstore (which must succeed) and loads it again. */
    final Blobstore reloadStore(BlobstoreOptions options) throws Exception {
        store().close();
        current = null;
        current = track(load(options));
        return current;
    }

    /** Calls {@link #init} and keeps what it returns for clean-up, for tests that expect it to fail. */
    final void tryInit(BlobstoreOptions options) throws Exception {
        track(init(options));
    }

    /** Calls {@link #load} and keeps what it returns for clean-up, for tests that expect it to fail. */
    final void tryLoad(BlobstoreOptions options) throws Exception {
        track(load(options));
    }

    /** Loads the device again after the current blobstore was closed by the test itself. */
    final Blobstore loadStore(BlobstoreOptions options) throws Exception {
        current = track(load(options));
        return current;
    }

    private Blobstore track(Blobstore s) {
        assertNotNull(s, "init/load returned null");
        stores.add(s);
        return s;
    }

    /** Remembers an open handle so that it is closed after the test. */
    final Blob track(Blob b) {
        assertNotNull(b, "open returned null");
        handles.add(b);
        return b;
    }

    @Nested
    @DisplayName("Init, load and unload (blob_init, bs_load, bs_type, bs_unload, bs_cluster_sz, bs_usable_clusters, blob_super)")
    class InitAndLoad extends BlobstoreLoadSubtests {
        @Override
        BlobstoreSuite suite() {
            return BlobstoreSuite.this;
        }
    }

    @Nested
    @DisplayName("Creating, opening, listing and deleting blobs (blob_create*, blob_open, blob_delete, blob_iter)")
    class Blobs extends BlobstoreBlobSubtests {
        @Override
        BlobstoreSuite suite() {
            return BlobstoreSuite.this;
        }
    }

    @Nested
    @DisplayName("Resizing, thin provisioning and read-only blobs (blob_resize*, blob_thin_prov*, blob_read_only)")
    class Sizes extends BlobstoreResizeSubtests {
        @Override
        BlobstoreSuite suite() {
            return BlobstoreSuite.this;
        }
    }

    @Nested
    @DisplayName("Reading, writing and unmapping (blob_write, blob_read, blob_rw_verify, blob_operation_split_rw, blob_io_unit, blob_unmap)")
    class ReadingAndWriting extends BlobstoreIoSubtests {
        @Override
        BlobstoreSuite suite() {
            return BlobstoreSuite.this;
        }
    }

    @Nested
    @DisplayName("Model: seeded random I/O on thick and thin blobs agrees with a byte array and an allocation map")
    class Model extends BlobstoreModelSubtests {
        @Override
        BlobstoreSuite suite() {
            return BlobstoreSuite.this;
        }
    }

    @Nested
    @DisplayName("Extended attributes and metadata layout (blob_xattr, blob_parse_md, blob_serialize_test)")
    class XattrsAndMetadata extends BlobstoreXattrSubtests {
        @Override
        BlobstoreSuite suite() {
            return BlobstoreSuite.this;
        }
    }
}
