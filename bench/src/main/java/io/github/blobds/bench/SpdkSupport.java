package io.github.blobds.bench;

import io.github.blobds.blobfs.BlobFs;
import io.github.blobds.blobstore.BlobstoreOptions;
import io.github.blobds.spdk.SpdkBlobstore;
import io.github.blobds.spdk.SpdkEnvironment;
import io.github.blobds.spdk.SpdkUnavailableException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SPDK for the bench's SPDK contenders: the process's environment ({@link SpdkEnvironment#currentOrStart()})
 * and an aio bdev per store.
 */
final class SpdkSupport {

    private static final AtomicInteger BDEVS = new AtomicInteger();

    private SpdkSupport() {
    }

    /** A fresh Blobstore formatted for BlobFS on an aio bdev over the new sparse file {@code file}. */
    record Image(SpdkEnvironment env, String bdev, SpdkBlobstore blobstore) {
        void deleteBdev() {
            env.deleteBdev(bdev);
        }
    }

    static Image image(Path file, long bytes) {
        SpdkEnvironment env = SpdkEnvironment.currentOrStart();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the image " + file, e);
        }
        String bdev = "bench_aio" + BDEVS.incrementAndGet();
        env.createAioBdev(bdev, file.toAbsolutePath(), 4096);
        BlobstoreOptions options = BlobFs.formatOptions(0, -1).withClearMethod(BlobstoreOptions.BsClearMethod.NONE);
        return new Image(env, bdev, SpdkBlobstore.init(env, bdev, options));
    }

    /** Why SPDK cannot run in this JVM, or null when it can (starting it if needed). */
    static String unavailableReason() {
        try {
            SpdkEnvironment.currentOrStart();
            return null;
        } catch (SpdkUnavailableException e) {
            return "SPDK is not available: " + e.getMessage();
        }
    }
}
