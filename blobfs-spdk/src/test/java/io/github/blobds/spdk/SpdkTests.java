package io.github.blobds.spdk;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.blobds.blobfs.BlobFileSystem;
import io.github.blobds.blobstore.BlobstoreOptions;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SPDK environment shared by every test class of the test JVM (DPDK starts once per process),
 * started on first use with {@link SpdkEnvironment.Options#fromSystemProperties()} (no PCI or huge pages
 * unless the properties ask) and closed by a shutdown hook; fresh bdevs for tests.
 * Where the shim cannot load, {@link #environment()} skips the calling test, with the loader's reason.
 */
final class SpdkTests {

    private static final AtomicInteger BDEVS = new AtomicInteger();
    private static final List<String> CREATED = new ArrayList<>();
    private static SpdkEnvironment env;
    private static String startFailure;
    private static boolean reportedUnavailable;
    /** Cpus_allowed_list of the thread that started SPDK, just before and just after. */
    static String affinityBefore;
    static String affinityAfter;

    private SpdkTests() {
    }

    static synchronized SpdkEnvironment environment() {
        if (!NativeLibrary.isAvailable() && !reportedUnavailable) {
            // Once on the console: surefire's summary counts skipped tests but does not say why.
            reportedUnavailable = true;
            System.err.println("[blobfs-spdk] SPDK suites skipped: " + NativeLibrary.unavailableReason().orElse(""));
        }
        assumeTrue(NativeLibrary.isAvailable(), () -> "SPDK suites skipped: " + NativeLibrary.unavailableReason().orElse(""));
        assumeTrue(startFailure == null, () -> "SPDK suites skipped: " + startFailure);
        if (env == null) {
            affinityBefore = cpusAllowed();
            try {
                env = SpdkEnvironment.start(SpdkEnvironment.Options.fromSystemProperties());
            } catch (RuntimeException e) {
                startFailure = "SPDK did not start: " + e.getMessage();
                throw e;
            }
            affinityAfter = cpusAllowed();
            SpdkEnvironment started = env;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "blobds-spdk-shutdown"));
        }
        return env;
    }

    /** This thread's {@code Cpus_allowed_list} from {@code /proc/thread-self/status}. */
    static String cpusAllowed() {
        try {
            return Files.readAllLines(Path.of("/proc/thread-self/status")).stream()
                    .filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().orElseThrow().substring(18).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new zeroed malloc bdev; first deletes earlier test bdevs no Blobstore is loaded on. */
    static synchronized String freshMalloc(long bytes, int blockSize) {
        deleteUnused();
        String name = "Malloc" + BDEVS.incrementAndGet();
        environment().createMallocBdev(name, bytes, blockSize);
        CREATED.add(name);
        return name;
    }

    /** A new aio bdev on a new sparse (zero) file; first deletes earlier test bdevs no Blobstore is loaded on. */
    static synchronized String freshAio(Path file, long bytes, int blockSize) {
        deleteUnused();
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(0);
            f.setLength(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return aio(file, blockSize);
    }

    /** An aio bdev on an existing file. */
    static synchronized String aio(Path file, int blockSize) {
        String name = "Aio" + BDEVS.incrementAndGet();
        environment().createAioBdev(name, file, blockSize);
        CREATED.add(name);
        return name;
    }

    /** An aio bdev on an existing file as SPDK creates it by default: without {@code fallocate}, so without unmap. */
    static synchronized String aioWithoutFallocate(Path file, int blockSize) {
        String name = "Aio" + BDEVS.incrementAndGet();
        environment().createAioBdev(name, file, blockSize, false);
        CREATED.add(name);
        return name;
    }

    private static boolean nvmeAttached;
    private static int nextNamespace;

    /**
     * A zeroed NVMe namespace bdev ({@link NvmfTarget#NAMESPACE_BYTES}, 4096-byte blocks) of the test
     * NVMe-oF target's controller, attached as {@code NvmeT} on first use; skips the caller where the
     * target cannot run. The namespaces are reused in turn, each zeroed (write zeroes through NVMe) before
     * it is handed out again; one with a loaded Blobstore is passed over.
     */
    static synchronized String freshNvme() {
        SpdkEnvironment env = environment();
        NvmfTarget target = NvmfTarget.shared();
        if (!nvmeAttached) {
            env.loadConfig(target.attachConfig("NvmeT"));
            nvmeAttached = true;
        }
        for (int tries = 0; tries < NvmfTarget.NAMESPACES; tries++) {
            String name = "NvmeTn" + (nextNamespace++ % NvmfTarget.NAMESPACES + 1);
            if (!env.hasBlobstoreOn(name)) {
                env.zeroBdev(name, 0, env.bdevBytes(name));
                return name;
            }
        }
        throw new IllegalStateException("every namespace of the NVMe-oF target has a Blobstore loaded");
    }

    /** Deletes every test bdev no loaded Blobstore uses. */
    static synchronized void deleteUnused() {
        if (env == null) {
            return;
        }
        for (String name : List.copyOf(CREATED)) {
            if (!env.hasBlobstoreOn(name)) {
                env.deleteBdev(name);
                CREATED.remove(name);
            }
        }
    }

    /** A new BlobFS (bstype BLOBFS) on a fresh malloc bdev. */
    static BlobFileSystem blobFsOnMalloc(long bytes, long clusterSize) {
        String bdev = freshMalloc(bytes, 4096);
        return blobFs(bdev, clusterSize);
    }

    /** A new BlobFS (bstype BLOBFS) on a fresh aio bdev over {@code file}. */
    static BlobFileSystem blobFsOnAio(Path file, long bytes, long clusterSize) {
        String bdev = freshAio(file, bytes, 4096);
        return blobFs(bdev, clusterSize);
    }

    private static BlobFileSystem blobFs(String bdev, long clusterSize) {
        BlobstoreOptions options = BlobstoreOptions.defaults().withBstype("BLOBFS").withClusterSize(clusterSize);
        try {
            return BlobFileSystem.open(SpdkBlobstore.init(environment(), bdev, options), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
