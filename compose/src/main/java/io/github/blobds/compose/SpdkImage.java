package io.github.blobds.compose;

import io.github.blobds.blobfs.BlobFs;
import io.github.blobds.blobstore.Blobstore;
import io.github.blobds.blobstore.BlobstoreOptions;
import io.github.blobds.datastore.DatastoreException;
import io.github.blobds.sim.FileDevice;
import io.github.blobds.spdk.SpdkBlobstore;
import io.github.blobds.spdk.SpdkEnvironment;
import io.github.blobds.spdk.SpdkUnavailableException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The {@code "spdk"} backend of a BlobFS image file: SPDK's own Blobstore (module blobfs-spdk) on an aio
 * bdev over the same file the simulator uses, so that switching a placement's {@code backend} between
 * {@code "sim"} and {@code "spdk"} keeps the data. SPDK starts once per process, without PCI or huge
 * pages ({@code -Dblobds.spdk.memSize=MiB}, default 1024), unless the process started it already, and
 * stops at exit; each image gets its own bdev, deleted when the Blobstore on it is closed.
 */
final class SpdkImage {

    private static final AtomicInteger BDEVS = new AtomicInteger();

    private SpdkImage() {
    }

    static Blobstore open(Path file, BlobFsPlacement.Image p, String name, BiConsumer<String, AutoCloseable> owner) throws IOException {
        SpdkEnvironment env;
        try {
            env = SpdkEnvironment.currentOrStart();
        } catch (SpdkUnavailableException e) {
            throw new DatastoreException(name + ": the \"spdk\" backend cannot run here: " + e.getMessage()
                    + " (docs/spdk.md says how to install SPDK; the \"sim\" backend opens the same image file with its data)", e);
        }
        boolean exists = Files.exists(file);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        String fsType = Files.getFileStore(exists ? file : parent).type();
        if (fsType.equals("tmpfs")) {
            throw new DatastoreException(name + " (" + file + "): the \"spdk\" backend cannot use an image on tmpfs: SPDK's aio bdev"
                    + " runs with fallocate (unmap punches holes, write-zeroes is FALLOC_FL_ZERO_RANGE) and tmpfs has no ZERO_RANGE, so"
                    + " every write-zeroes would fail with EIO; put the image on ext4 or xfs (docs/spdk.md), or use the \"sim\" backend");
        }
        if (!exists) {
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(p.size()); // sparse, hence zero: no clearing at format
            }
        }
        String bdev = "blobds_image" + BDEVS.incrementAndGet();
        try {
            // SPDK's aio bdev takes no lock: a FileDevice held open beside it takes the image's lock, so that another
            // process (the sim backend, another blobds) is kept out.
            owner.accept(name + " (lock on " + file + ")", FileDevice.open(file, BlobFsPlacement.BLOCK_SIZE));
            env.createAioBdev(bdev, file.toAbsolutePath(), BlobFsPlacement.BLOCK_SIZE);
        } catch (RuntimeException e) {
            if (!exists) {
                Files.deleteIfExists(file);
            }
            throw e;
        }
        owner.accept(name + " (SPDK aio bdev " + bdev + " on " + file + ")", () -> env.deleteBdev(bdev));
        if (exists) {
            SpdkBlobstore bs = SpdkBlobstore.load(env, bdev, BlobstoreOptions.defaults());
            if (bs.clusterSize() != p.clusterSize()) {
                bs.close();
                throw new DatastoreException(name + " (" + file + ") has " + bs.clusterSize() + "-byte clusters, the spec says "
                        + p.clusterSize());
            }
            return bs;
        }
        try {
            return SpdkBlobstore.init(env, bdev, BlobstoreOptions.defaults().withBstype(BlobFs.BSTYPE).withClusterSize(p.clusterSize())
                    .withNumMdPages(p.mdPages()).withClearMethod(BlobstoreOptions.BsClearMethod.NONE));
        } catch (RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }
}
