package io.github.blobds.spdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.blobds.blobstore.Blob;
import io.github.blobds.blobstore.BlobOptions;
import io.github.blobds.blobstore.BlobstoreOptions;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why {@link SpdkEnvironment#createAioBdev} turns {@code fallocate} on (docs/spdk.md, "Known differences"):
 * SPDK releases a thin blob's cluster on a whole-cluster unmap after unmapping it on the device, and a
 * later thin write that claims the same cluster writes only its own io_units. Without {@code fallocate}
 * the aio bdev has no unmap, SPDK's blob bdev completes the unmap without touching the file, and the
 * cluster's other io_units read back their old bytes instead of zeroes.
 */
@Tag("spdk")
class ThinUnmapOnAioTest {

    private static final int IO_UNIT = 4096;
    private static final long CLUSTER = 64 << 10;
    private static final BlobstoreOptions OPTIONS = BlobstoreOptions.defaults().withClusterSize(CLUSTER);

    @TempDir
    Path dir;

    ThinUnmapOnAioTest() {
        SpdkTests.environment();
    }

    /** Writes a whole cluster of 0x4F, unmaps it, writes io_unit 0 again; returns io_unit 1. */
    private static byte[] reclaimedCluster(String bdev) {
        try (SpdkBlobstore bs = SpdkBlobstore.init(SpdkTests.environment(), bdev, OPTIONS)) {
            try (Blob blob = bs.open(bs.create(BlobOptions.builder().numClusters(1).thinProvision(true).build()))) {
                byte[] old = new byte[(int) CLUSTER];
                Arrays.fill(old, (byte) 0x4F);
                blob.write(0, ByteBuffer.wrap(old));
                blob.unmap(0, CLUSTER / IO_UNIT);
                assertEquals(0, blob.numAllocatedClusters());
                blob.write(0, ByteBuffer.wrap(new byte[IO_UNIT]));
                assertEquals(1, blob.numAllocatedClusters());
                ByteBuffer second = ByteBuffer.allocate(IO_UNIT);
                blob.read(1, second);
                return second.array();
            }
        }
    }

    private Path image(String name) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(16L << 20);
        }
        return file;
    }

    @Test
    @DisplayName("with fallocate (createAioBdev), a released and reclaimed thin cluster reads zeroes where not rewritten")
    void withFallocate() throws IOException {
        assertArrayEquals(new byte[IO_UNIT], reclaimedCluster(SpdkTests.aio(image("fallocate.img"), IO_UNIT)));
    }

    @Test
    @DisplayName("without fallocate (SPDK's default for bdev_aio_create), the reclaimed cluster shows its old bytes")
    void withoutFallocate() throws IOException {
        byte[] old = new byte[IO_UNIT];
        Arrays.fill(old, (byte) 0x4F);
        assertArrayEquals(old, reclaimedCluster(SpdkTests.aioWithoutFallocate(image("plain.img"), IO_UNIT)));
    }
}
