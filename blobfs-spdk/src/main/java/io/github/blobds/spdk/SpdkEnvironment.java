package io.github.blobds.spdk;

import io.github.blobds.blobstore.BlobstoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * SPDK's environment in this process: DPDK's EAL (without PCI devices or huge pages when asked), one
 * SPDK thread polled by a dedicated native thread (which sleeps when idle), and the bdev subsystem with
 * the bdevs of a JSON config. There is at most one per process, for the life of the process: DPDK
 * cannot start twice, and its memory size is fixed at start.
 *
 * <p>Starting keeps what the JVM relies on: the starting thread's CPU affinity (DPDK would pin it, and
 * every thread it later creates, to one core) and the JVM's {@code SIGBUS} handler (SPDK's library
 * replaces it), so a fault on a {@code MappedByteBuffer} still throws {@link InternalError}.
 *
 * <p>{@link #close()} unloads every Blobstore still loaded (closing its open blobs first), stops the
 * subsystems and the thread, finishes the EAL and removes DPDK's run directory. It is idempotent; after
 * it, no environment can start again in this process.
 */
public final class SpdkEnvironment implements AutoCloseable {

    /**
     * How the environment starts.
     *
     * @param memSizeMb      DPDK memory in MiB, or -1 for SPDK's default; without huge pages it is
     *                       touched in full at start
     * @param noPci          do not scan or use PCI devices (no NVMe)
     * @param noHuge         use ordinary memory instead of huge pages
     * @param bdevConfig     SPDK's JSON config ({@code {"subsystems": [...]}}) applied after start, or
     *                       {@code null}: the bdev methods {@code bdev_malloc_create}, {@code
     *                       bdev_aio_create}, {@code bdev_nvme_attach_controller}, …
     * @param iobufSmallPool SPDK's iobuf small buffer pool (0 keeps SPDK's default of 8192)
     * @param iobufLargePool SPDK's iobuf large buffer pool (0 keeps SPDK's default of 1024)
     * @param bdevIoPool     the bdev_io pool (0 keeps SPDK's default of 65535)
     */
    public record Options(long memSizeMb, boolean noPci, boolean noHuge, String bdevConfig,
            long iobufSmallPool, long iobufLargePool, long bdevIoPool) {

        public Options {
            if (memSizeMb < -1 || memSizeMb == 0) {
                throw new BlobstoreException(BlobstoreException.EINVAL, "memSizeMb must be positive or -1, not " + memSizeMb);
            }
            if (iobufSmallPool < 0 || iobufLargePool < 0 || bdevIoPool < 0) {
                throw new BlobstoreException(BlobstoreException.EINVAL, "pool sizes must not be negative");
            }
        }

        /** For NVMe: SPDK's defaults, huge pages and PCI. */
        public static Options defaults() {
            return new Options(-1, false, false, null, 0, 0, 0);
        }

        /**
         * Without hardware: no PCI, no huge pages, {@code memSizeMb} of ordinary memory and pools small
         * enough for it (malloc bdevs also take their size from it).
         */
        public static Options withoutHardware(long memSizeMb) {
            return new Options(memSizeMb, true, true, null, 1024, 128, 4096);
        }

        public Options withBdevConfig(String json) {
            return new Options(memSizeMb, noPci, noHuge, json, iobufSmallPool, iobufLargePool, bdevIoPool);
        }
    }

    /** SPDK's log level printed to stderr: warnings and errors. */
    private static final int LOG_WARN = 1;

    private static SpdkEnvironment current;
    private static boolean used;

    private final Options options;
    private final Path runtimeDirectory;
    private final Set<SpdkBlobstore> loaded = new LinkedHashSet<>();
    private boolean closed;

    private SpdkEnvironment(Options options, Path runtimeDirectory) {
        this.options = options;
        this.runtimeDirectory = runtimeDirectory;
    }

    /**
     * Starts SPDK in this process and applies the options' bdev config.
     *
     * @throws SpdkUnavailableException when the shim cannot load (naming every place tried)
     * @throws BlobstoreException {@code EALREADY} when an environment was started before in this process,
     *     or SPDK's errno when it cannot start or the config fails (SPDK logs the details to stderr)
     */
    public static synchronized SpdkEnvironment start(Options options) {
        NativeLibrary.load();
        if (used) {
            throw Status.exception(Status.EALREADY, "cannot start SPDK: an environment was started before in this process"
                    + (current != null ? " and is still running" : " (DPDK starts once per process)"));
        }
        used = true;
        String prefix = "blobds_" + ProcessHandle.current().pid();
        int rc = nativeStart("blobds", prefix, options.memSizeMb(), options.noPci(), options.noHuge(),
                options.iobufSmallPool(), options.iobufLargePool(), options.bdevIoPool(), LOG_WARN);
        String dir = nativeRuntimeDir();
        SpdkEnvironment env = new SpdkEnvironment(options, dir.isEmpty() ? null : Path.of(dir));
        if (rc != 0) {
            env.removeRuntimeDirectory();
            throw Status.exception(rc, "cannot start SPDK (memory " + options.memSizeMb() + " MiB, noPci " + options.noPci()
                    + ", noHuge " + options.noHuge() + ")");
        }
        current = env;
        if (options.bdevConfig() != null) {
            try {
                env.loadConfig(options.bdevConfig());
            } catch (BlobstoreException e) {
                env.close();
                throw e;
            }
        }
        return env;
    }

    /** The running environment, if one was started and not closed. */
    public static synchronized Optional<SpdkEnvironment> current() {
        return Optional.ofNullable(current);
    }

    /**
     * The running environment, or one started now without hardware ({@link Options#withoutHardware}, with
     * {@code -Dblobds.spdk.memSize} MiB of memory, 1024 by default) and closed when the JVM exits: for
     * libraries (compose, bench) that need SPDK for a while and leave the process's one environment to
     * whoever started it.
     *
     * @throws SpdkUnavailableException when the shim cannot load
     * @throws BlobstoreException when SPDK cannot start
     */
    public static synchronized SpdkEnvironment currentOrStart() {
        if (current != null) {
            return current;
        }
        SpdkEnvironment env = start(Options.withoutHardware(Long.getLong("blobds.spdk.memSize", 1024)));
        Runtime.getRuntime().addShutdownHook(new Thread(env::close, "blobds-spdk-shutdown"));
        return env;
    }

    /** The options it started with. */
    public Options options() {
        return options;
    }

    /** DPDK's run directory of this process (removed by {@link #close()}), if DPDK made one. */
    public Optional<Path> runtimeDirectory() {
        return Optional.ofNullable(runtimeDirectory);
    }

    /**
     * Applies an SPDK JSON config ({@code {"subsystems": [{"subsystem": "bdev", "config": [...]}]}}): its
     * RPC methods run in order, stopping at the first failure.
     *
     * @throws BlobstoreException SPDK's errno when a method fails (SPDK logs which and why)
     */
    public void loadConfig(String json) {
        checkOpen();
        Status.check(nativeLoadConfig(json.getBytes(StandardCharsets.UTF_8)), "bdev config " + Bdevs.abbreviate(json));
    }

    /** Creates a malloc bdev (RAM, zeroed) of {@code bytes} in {@code blockSize}-byte blocks. */
    public void createMallocBdev(String name, long bytes, int blockSize) {
        loadConfig(Bdevs.config(Bdevs.malloc(name, bytes, blockSize)));
    }

    /**
     * Creates an aio bdev on an existing file (or block device) with {@code blockSize}-byte blocks and
     * {@code fallocate} on, so that unmap punches holes and a thin blob's released clusters read as
     * zeroes when reclaimed (docs/spdk.md). The file system must support {@code FALLOC_FL_PUNCH_HOLE}
     * and {@code FALLOC_FL_ZERO_RANGE} (ext4, xfs, a block device); on tmpfs use
     * {@link #createAioBdev(String, Path, int, boolean)} with {@code false}.
     */
    public void createAioBdev(String name, Path file, int blockSize) {
        createAioBdev(name, file, blockSize, true);
    }

    /**
     * Creates an aio bdev; {@code fallocate} as SPDK's {@code bdev_aio_create} takes it. Without it the
     * bdev has no unmap or native write-zeroes: SPDK emulates write-zeroes with writes, and turns unmap
     * into a no-op, so clusters a thin blob releases by unmap keep their old bytes and show them when a
     * later thin write reclaims them.
     */
    public void createAioBdev(String name, Path file, int blockSize, boolean fallocate) {
        loadConfig(Bdevs.config(Bdevs.aio(name, file, blockSize, fallocate)));
    }

    /** The size of a bdev in bytes. @throws BlobstoreException {@code ENODEV} when there is none */
    public long bdevBytes(String name) {
        checkOpen();
        long[] out = new long[2];
        Status.check(nativeBdevInfo(name, out), "bdev " + name);
        return out[0] * out[1];
    }

    /** Deletes (unregisters) a bdev of any kind; a Blobstore on it must be closed first. @throws BlobstoreException {@code ENODEV} when there is none */
    public void deleteBdev(String name) {
        checkOpen();
        Status.check(nativeDeleteBdev(name), "delete bdev " + name);
    }

    synchronized void register(SpdkBlobstore bs) {
        loaded.add(bs);
    }

    synchronized void unregister(SpdkBlobstore bs) {
        loaded.remove(bs);
    }

    /** Whether a Blobstore of this environment is loaded on the bdev. */
    synchronized boolean isLoaded(String bdev) {
        return loaded.stream().anyMatch(bs -> bs.bdev().equals(bdev));
    }

    void checkOpen() {
        synchronized (SpdkEnvironment.class) {
            if (closed) {
                throw new BlobstoreException(BlobstoreException.ENXIO, "the SPDK environment is closed");
            }
        }
    }

    /** Unloads what is loaded (open blobs closed first), stops SPDK and removes its run directory. Idempotent. */
    @Override
    public void close() {
        synchronized (SpdkEnvironment.class) {
            if (closed) {
                return;
            }
            List<SpdkBlobstore> still;
            synchronized (this) {
                still = new ArrayList<>(loaded);
            }
            for (SpdkBlobstore bs : still) {
                bs.shutdown();
            }
            closed = true;
            current = null;
            int rc = nativeStop();
            removeRuntimeDirectory();
            Status.check(rc, "stop SPDK");
        }
    }

    private void removeRuntimeDirectory() {
        if (runtimeDirectory == null || !Files.isDirectory(runtimeDirectory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(runtimeDirectory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove DPDK's run directory " + runtimeDirectory, e);
        }
    }

    @Override
    public String toString() {
        return "SpdkEnvironment" + options + (closed ? " (closed)" : "");
    }

    private static native int nativeStart(String name, String filePrefix, long memSizeMb, boolean noPci, boolean noHuge,
            long iobufSmall, long iobufLarge, long bdevIoPool, int logLevel);

    private static native String nativeRuntimeDir();

    private static native int nativeLoadConfig(byte[] json);

    private static native int nativeDeleteBdev(String name);

    private static native int nativeBdevInfo(String name, long[] out);

    private static native int nativeStop();
}
