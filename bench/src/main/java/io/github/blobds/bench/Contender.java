package io.github.blobds.bench;

import io.github.blobds.blobfs.BlobFileSystem;
import io.github.blobds.blobfs.BlobFs;
import io.github.blobds.flatfs.FlatfsDatastore;
import io.github.blobds.flatfs.ShardFunction;
import io.github.blobds.levelds.LeveldbDatastore;
import io.github.blobds.levelds.LeveldbOptions;
import io.github.blobds.sim.BlockDevice;
import io.github.blobds.sim.FileDevice;
import io.github.blobds.sim.MemoryDevice;
import io.github.blobds.sim.SimBlobstore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A datastore on a device, as the report names it. blobds' own rows use kubo's settings (flatfs
 * {@code next-to-last/2} with sync, levelds with synced writes and no compression); BlobFS rows run
 * on a simulated Blobstore (BlobFS's 256 KiB clusters) on a {@link FileDevice} image in the work
 * directory or on a {@link MemoryDevice}, and, where SPDK is installed, on SPDK's own Blobstore on an aio
 * bdev over an image file. The peers run on the local disk in the same sync mode.
 */
public enum Contender {
    /** flatfs on the local disk (the blocks baseline). */
    FLATFS_LOCAL("flatfs-local", "flatfs, local disk", Kind.FLATFS, Device.LOCAL),
    /** flatfs on BlobFS over a simulated Blobstore on a FileDevice image. */
    FLATFS_BLOBFS_FILE("flatfs-blobfs-file", "flatfs, BlobFS on FileDevice", Kind.FLATFS, Device.FILE),
    /** flatfs on BlobFS over a simulated Blobstore on a MemoryDevice. */
    FLATFS_BLOBFS_MEMORY("flatfs-blobfs-memory", "flatfs, BlobFS on MemoryDevice", Kind.FLATFS, Device.MEMORY),
    /** flatfs on BlobFS over SPDK's own Blobstore on an aio bdev over an image file (where SPDK is installed). */
    FLATFS_BLOBFS_SPDK("flatfs-blobfs-spdk", "flatfs, BlobFS on SPDK (aio bdev)", Kind.FLATFS, Device.SPDK),
    /** levelds on the local disk (the records baseline). */
    LEVELDS_LOCAL("levelds-local", "levelds, local disk", Kind.LEVELDS, Device.LOCAL),
    /** levelds on BlobFS over a simulated Blobstore on a FileDevice image. */
    LEVELDS_BLOBFS_FILE("levelds-blobfs-file", "levelds, BlobFS on FileDevice", Kind.LEVELDS, Device.FILE),
    /** levelds on BlobFS over a simulated Blobstore on a MemoryDevice. */
    LEVELDS_BLOBFS_MEMORY("levelds-blobfs-memory", "levelds, BlobFS on MemoryDevice", Kind.LEVELDS, Device.MEMORY),
    /** levelds on BlobFS over SPDK's own Blobstore on an aio bdev over an image file (where SPDK is installed). */
    LEVELDS_BLOBFS_SPDK("levelds-blobfs-spdk", "levelds, BlobFS on SPDK (aio bdev)", Kind.LEVELDS, Device.SPDK),
    /** RocksDB (rocksdbjni) on the local disk, synced writes. */
    ROCKSDB("rocksdb", "RocksDB (JNI), local disk", Kind.ROCKSDB, Device.LOCAL),
    /** LMDB (lmdbjava) on the local disk, durable commits. */
    LMDB("lmdb", "LMDB (lmdbjava), local disk", Kind.LMDB, Device.LOCAL);

    enum Kind { FLATFS, LEVELDS, ROCKSDB, LMDB }

    enum Device { LOCAL, FILE, MEMORY, SPDK }

    private final String id;
    private final String title;
    private final Kind kind;
    private final Device device;

    Contender(String id, String title, Kind kind, Device device) {
        this.id = id;
        this.title = title;
        this.kind = kind;
        this.device = device;
    }

    /** The name used on the command line, in the CSV and in the chart. */
    public String id() {
        return id;
    }

    /** A human title for the table. */
    public String title() {
        return title;
    }

    /** Whether this contender can run {@code workload}: flatfs holds only flat keys (no prefix queries), so blocks only. */
    public boolean supports(Workload workload) {
        return kind != Kind.FLATFS || workload == Workload.BLOCKS;
    }

    /** Whether this contender runs {@code workload} when none are named: flatfs for blocks, levelds for records, peers for both. */
    public boolean runsByDefault(Workload workload) {
        return switch (kind) {
            case FLATFS -> workload == Workload.BLOCKS;
            case LEVELDS -> workload == Workload.RECORDS;
            case ROCKSDB, LMDB -> true;
        };
    }

    /** The contender every ratio of {@code workload} is taken against. */
    public static Contender baseline(Workload workload) {
        return workload == Workload.BLOCKS ? FLATFS_LOCAL : LEVELDS_LOCAL;
    }

    /** The contender named {@code id}. */
    public static Contender of(String id) {
        List<String> ids = new ArrayList<>();
        for (Contender c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
            ids.add(c.id);
        }
        throw new IllegalArgumentException("unknown contender \"" + id + "\" (expected one of " + String.join(", ", ids) + ")");
    }

    /** Why this contender cannot run in this JVM, or null when it can. */
    String unavailableReason() {
        try {
            return switch (kind) {
                case LMDB -> LmdbStore.unavailableReason();
                case ROCKSDB -> {
                    RocksStore.checkAvailable();
                    yield null;
                }
                default -> device == Device.SPDK ? SpdkSupport.unavailableReason() : null;
            };
        } catch (RuntimeException | LinkageError e) {
            return "cannot load " + kind + ": " + e;
        }
    }

    /** A fresh, empty store in the empty directory {@code dir}, sized for {@code dataBytes} of values. */
    Store open(Path dir, long dataBytes) {
        long deviceBytes = roundUp(Math.max(1L << 30, dataBytes * 3 + (256L << 20)), 1 << 20);
        return switch (kind) {
            case ROCKSDB -> RocksStore.open(dir);
            case LMDB -> LmdbStore.open(dir, deviceBytes);
            case FLATFS, LEVELDS -> openDatastore(dir, deviceBytes);
        };
    }

    private Store openDatastore(Path dir, long deviceBytes) {
        CountingDevice counting = null;
        BlobFileSystem blobfs = null;
        Runnable afterClose = null;
        Path root = dir;
        try {
            if (device == Device.SPDK) {
                SpdkSupport.Image image = SpdkSupport.image(dir.resolve("blobfs.img"), deviceBytes);
                blobfs = BlobFileSystem.open(image.blobstore(), true);
                afterClose = image::deleteBdev;
                root = blobfs.getPath("/");
            } else if (device != Device.LOCAL) {
                BlockDevice dev = device == Device.FILE
                        ? FileDevice.create(dir.resolve("blobfs.img"), deviceBytes, 4096)
                        : MemoryDevice.ofBytes(deviceBytes, 4096);
                counting = new CountingDevice(dev);
                blobfs = BlobFileSystem.open(SimBlobstore.init(counting, BlobFs.formatOptions(0, -1)), true);
                root = blobfs.getPath("/");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make BlobFS for " + id + " in " + dir, e);
        }
        if (kind == Kind.FLATFS) {
            FlatfsDatastore ds = FlatfsDatastore.createOrOpen(root.resolve("blocks"), ShardFunction.DEFAULT, true);
            return new DatastoreStore(ds, blobfs, counting, afterClose, true);
        }
        LeveldbDatastore ds = LeveldbDatastore.open(root.resolve("leveldb"), LeveldbOptions.defaults());
        return new DatastoreStore(ds, blobfs, counting, afterClose, false);
    }

    private static long roundUp(long n, long unit) {
        return (n + unit - 1) / unit * unit;
    }
}
