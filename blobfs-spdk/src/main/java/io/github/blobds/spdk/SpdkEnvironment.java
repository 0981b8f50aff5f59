package io.github.blobds.spdk;

import io.github.blobds.blobstore.BlobstoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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
     * @param dmaBounce      copy data through DMA-able memory when a buffer is not in SPDK's memory map
     *                       (a PCI device such as an NVMe controller reaches memory by physical address and
     *                       can only use memory SPDK registered; Java's direct buffers are not); buffers of
     *                       {@link #dmaBuffer} never need it. On with PCI, where it is needed; off without,
     *                       where malloc and aio bdevs take any memory
     * @param bdevConfig     SPDK's JSON config ({@code {"subsystems": [...]}}) applied after start, or
     *                       {@code null}: the bdev methods {@code bdev_malloc_create}, {@code
     *                       bdev_aio_create}, {@code bdev_nvme_attach_controller}, …
     * @param iobufSmallPool SPDK's iobuf small buffer pool (0 keeps SPDK's default of 8192)
     * @param iobufLargePool SPDK's iobuf large buffer pool (0 keeps SPDK's default of 1024)
     * @param bdevIoPool     the bdev_io pool (0 keeps SPDK's default of 65535)
     */
    public record Options(long memSizeMb, boolean noPci, boolean noHuge, boolean dmaBounce, String bdevConfig,
            long iobufSmallPool, long iobufLargePool, long bdevIoPool) {

        public Options {
            if (memSizeMb < -1 || memSizeMb == 0) {
                throw new BlobstoreException(BlobstoreException.EINVAL, "memSizeMb must be positive or -1, not " + memSizeMb);
            }
            if (iobufSmallPool < 0 || iobufLargePool < 0 || bdevIoPool < 0) {
                throw new BlobstoreException(BlobstoreException.EINVAL, "pool sizes must not be negative");
            }
        }

        /** For NVMe: SPDK's defaults, huge pages and PCI, and data copied through DMA-able memory where needed. */
        public static Options defaults() {
            return new Options(-1, false, false, true, null, 0, 0, 0);
        }

        /**
         * Without hardware: no PCI, no huge pages, {@code memSizeMb} of ordinary memory and pools small
         * enough for it (malloc bdevs also take their size from it).
         */
        public static Options withoutHardware(long memSizeMb) {
            return new Options(memSizeMb, true, true, false, null, 1024, 128, 4096);
        }

        /**
         * The options of {@link #currentOrStart()}, from system properties: {@code blobds.spdk.memSize}
         * (MiB, default 1024), {@code blobds.spdk.pci} and {@code blobds.spdk.hugePages} (default
         * {@code false}: no hardware), {@code blobds.spdk.dmaBounce} (default: as {@code pci}).
         * For NVMe: {@code -Dblobds.spdk.pci=true -Dblobds.spdk.hugePages=true}.
         */
        public static Options fromSystemProperties() {
            long mem = Long.getLong("blobds.spdk.memSize", 1024);
            boolean pci = Boolean.getBoolean("blobds.spdk.pci");
            boolean huge = Boolean.getBoolean("blobds.spdk.hugePages");
            String bounce = System.getProperty("blobds.spdk.dmaBounce");
            Options base = withoutHardware(mem);
            return new Options(mem, !pci, !huge, bounce == null ? pci : Boolean.parseBoolean(bounce), null,
                    base.iobufSmallPool(), base.iobufLargePool(), base.bdevIoPool());
        }

        public Options withBdevConfig(String json) {
            return new Options(memSizeMb, noPci, noHuge, dmaBounce, json, iobufSmallPool, iobufLargePool, bdevIoPool);
        }

        /** These options with data copied through DMA-able memory ({@code true}) or not. */
        public Options withDmaBounce(boolean bounce) {
            return new Options(memSizeMb, noPci, noHuge, bounce, bdevConfig, iobufSmallPool, iobufLargePool, bdevIoPool);
        }

        /** These options with huge pages ({@code true}) or ordinary memory. */
        public Options withHugePages(boolean hugePages) {
            return new Options(memSizeMb, noPci, !hugePages, dmaBounce, bdevConfig, iobufSmallPool, iobufLargePool, bdevIoPool);
        }

        /** These options with PCI ({@code true}: devices are scanned, NVMe can attach) or without. */
        public Options withPci(boolean pci) {
            return new Options(memSizeMb, !pci, noHuge, dmaBounce, bdevConfig, iobufSmallPool, iobufLargePool, bdevIoPool);
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
        int rc = nativeStart("blobds", prefix, options.memSizeMb(), options.noPci(), options.noHuge(), options.dmaBounce(),
                options.iobufSmallPool(), options.iobufLargePool(), options.bdevIoPool(), LOG_WARN);
        String dir = nativeRuntimeDir();
        // Where the EAL failed before saying, its directory is DPDK's default one for the prefix.
        Path runtime = dir.isEmpty() ? Path.of("/var/run/dpdk", prefix) : Path.of(dir);
        SpdkEnvironment env = new SpdkEnvironment(options, runtime);
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
     * The running environment, or one started now with {@link Options#fromSystemProperties()} (without
     * hardware and with 1024 MiB of memory unless the properties say otherwise) and closed when the JVM
     * exits: for libraries (compose, bench) that need SPDK for a while and leave the process's one
     * environment to whoever started it.
     *
     * @throws SpdkUnavailableException when the shim cannot load
     * @throws BlobstoreException when SPDK cannot start
     */
    public static synchronized SpdkEnvironment currentOrStart() {
        if (current != null) {
            return current;
        }
        SpdkEnvironment env = start(Options.fromSystemProperties());
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

    /** Whether the environment has a bdev named {@code name}. */
    public boolean hasBdev(String name) {
        return bdevNames().contains(name);
    }

    /** The names of the environment's bdevs, in SPDK's order. */
    public List<String> bdevNames() {
        checkOpen();
        String names = nativeBdevNames();
        return names.isEmpty() ? List.of() : List.of(names.split("\n"));
    }

    /**
     * Reads {@code length} bytes of a bdev at byte {@code offset} (a multiple of its block size), below any
     * Blobstore: what {@code compose} looks at to tell a Blobstore, a blank bdev and other data apart.
     *
     * @throws BlobstoreException {@code ENODEV} when there is no such bdev, {@code EINVAL} when the range is
     *     not on it or not aligned, SPDK's errno when the read fails
     */
    public byte[] readBdev(String name, long offset, int length) {
        checkOpen();
        if (length < 0) {
            throw new BlobstoreException(BlobstoreException.EINVAL, "bdev " + name + ": read of " + length + " bytes");
        }
        byte[] out = new byte[length];
        Status.check(nativeBdevRead(name, offset, out), "read of " + length + " bytes at " + offset + " of bdev " + name);
        return out;
    }

    /**
     * Zeroes {@code length} bytes of a bdev at byte {@code offset}, both multiples of its block size, below
     * any Blobstore: to hand a bdev that held other data to blobds (a BlobFS placement formats only a
     * bdev whose first 4 KiB are zeroes), or to wipe one. SPDK emulates it with writes where the bdev has
     * no write-zeroes command.
     *
     * @throws BlobstoreException {@code ENODEV} when there is no such bdev, {@code EINVAL} when the range is
     *     not on it or not in whole blocks, {@code EBUSY} while a Blobstore of this environment is loaded on
     *     it (SPDK's blob bdev does not keep other writers out), SPDK's errno when the write fails
     */
    public void zeroBdev(String name, long offset, long length) {
        checkOpen();
        if (hasBlobstoreOn(name)) {
            throw new BlobstoreException(BlobstoreException.EBUSY, "bdev " + name + " has a Blobstore loaded: close it before writing"
                    + " zeroes under it");
        }
        Status.check(nativeBdevWriteZeroes(name, offset, length), "write zeroes to " + length + " bytes at " + offset + " of bdev " + name);
    }

    /**
     * A direct buffer of {@code bytes} zeroed bytes in DPDK's memory, 4 KiB aligned: SPDK's
     * {@code spdk_dma_zmalloc}. Data moves between it and a bdev without a copy even where the environment
     * bounces other buffers ({@link Options#dmaBounce()}, with PCI). Close it when done: the buffer must
     * not be used after that.
     *
     * @throws BlobstoreException {@code ENOMEM} when DPDK's memory cannot hold it
     */
    public DmaBuffer dmaBuffer(int bytes) {
        checkOpen();
        if (bytes <= 0) {
            throw new BlobstoreException(BlobstoreException.EINVAL, "a DMA buffer of " + bytes + " bytes");
        }
        ByteBuffer buffer = nativeDmaAllocate(bytes);
        if (buffer == null) {
            throw new BlobstoreException(BlobstoreException.ENOMEM, "no DMA-able memory for " + bytes + " bytes (SPDK's memory is "
                    + options.memSizeMb() + " MiB; -Dblobds.spdk.memSize or Options.memSizeMb)");
        }
        return new DmaBuffer(buffer);
    }

    /**
     * How many data transfers were copied through DMA-able memory since start because their buffer was
     * not in SPDK's memory map ({@link Options#dmaBounce()}).
     */
    public long dmaBounces() {
        return nativeDmaBounces();
    }

    /** Memory from {@link #dmaBuffer}: its {@link #buffer()} is valid until {@link #close()}. */
    public static final class DmaBuffer implements AutoCloseable {

        private final ByteBuffer buffer;
        private boolean closed;

        private DmaBuffer(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        /** The memory, as a direct buffer (little of it is of use after {@link #close()}: do not touch it then). */
        public ByteBuffer buffer() {
            return buffer;
        }

        /** Frees the memory. Idempotent. */
        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                nativeDmaFree(buffer);
            }
        }
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
    public synchronized boolean hasBlobstoreOn(String bdev) {
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
            RuntimeException failure = null;
            for (SpdkBlobstore bs : still) {
                try {
                    bs.shutdown();
                } catch (RuntimeException e) { // SPDK still stops, and its run directory still goes
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            closed = true;
            current = null;
            int rc = nativeStop();
            removeRuntimeDirectory();
            if (failure != null) {
                throw failure;
            }
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

    private static native int nativeStart(String name, String filePrefix, long memSizeMb, boolean noPci, boolean noHuge, boolean dmaBounce,
            long iobufSmall, long iobufLarge, long bdevIoPool, int logLevel);

    private static native String nativeRuntimeDir();

    private static native int nativeLoadConfig(byte[] json);

    private static native int nativeDeleteBdev(String name);

    private static native int nativeBdevInfo(String name, long[] out);

    private static native int nativeStop();

    private static native String nativeBdevNames();

    private static native int nativeBdevRead(String name, long offset, byte[] out);

    private static native int nativeBdevWriteZeroes(String name, long offset, long length);

    private static native ByteBuffer nativeDmaAllocate(long bytes);

    private static native void nativeDmaFree(ByteBuffer buffer);

    private static native long nativeDmaBounces();
}
