package io.github.blobds.spdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.blobds.blobfs.BlobFileSystem;
import io.github.blobds.blobstore.Blob;
import io.github.blobds.blobstore.BlobId;
import io.github.blobds.blobstore.BlobOptions;
import io.github.blobds.blobstore.Blobstore;
import io.github.blobds.blobstore.BlobstoreOptions;
import io.github.blobds.sim.FileDevice;
import io.github.blobds.sim.SimBlobstore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images cross between the simulator and SPDK both ways: what {@link SimBlobstore} writes on a
 * {@link FileDevice} loads through SPDK's aio bdev with identical content, and what SPDK writes through
 * the aio bdev loads in the simulator with identical content — blobs (ids, sizes, thin flags, xattrs,
 * data, super blob, free clusters) and BlobFS files.
 */
@Tag("spdk")
class CrossImageTest {

    private static final long BYTES = 64L << 20;
    private static final BlobstoreOptions OPTIONS = BlobstoreOptions.defaults().withBstype("BLOBFS").withClusterSize(64 << 10)
            .withClearMethod(BlobstoreOptions.BsClearMethod.NONE);

    @TempDir
    Path dir;

    @BeforeEach
    void needsSpdk() {
        SpdkTests.environment();
    }

    /** Everything observable of a Blobstore, for comparison. */
    record Snapshot(long clusterSize, int ioUnitSize, long totalDataClusters, long freeClusters, String bstype,
            Optional<BlobId> superBlob, Map<BlobId, String> blobs) {
    }

    static Snapshot snapshot(Blobstore bs) {
        Map<BlobId, String> blobs = new LinkedHashMap<>();
        for (BlobId id : bs.blobIds()) {
            try (Blob b = bs.open(id)) {
                StringBuilder s = new StringBuilder();
                s.append("clusters=").append(b.numClusters()).append(" allocated=").append(b.numAllocatedClusters())
                        .append(" thin=").append(b.isThinProvisioned()).append(" ro=").append(b.isReadOnly());
                for (String name : b.xattrNames()) {
                    s.append(' ').append(name).append('=').append(new String(b.getXattr(name), StandardCharsets.ISO_8859_1));
                }
                ByteBuffer data = ByteBuffer.allocateDirect((int) (b.numIoUnits() * bs.ioUnitSize()));
                b.read(0, data);
                s.append(" data=").append(java.util.Arrays.hashCode(toArray(data.flip())));
                blobs.put(id, s.toString());
            }
        }
        return new Snapshot(bs.clusterSize(), bs.ioUnitSize(), bs.totalDataClusters(), bs.freeClusters(), bs.bstype(), bs.superBlob(), blobs);
    }

    private static byte[] toArray(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }

    /** A few thick and thin blobs with xattrs and random data, a deleted one, and a super blob. */
    static void populate(Blobstore bs) {
        Random random = new Random(42);
        List<BlobId> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            BlobId id = bs.create(BlobOptions.builder().numClusters(1 + i % 3).thinProvision(i % 2 == 1)
                    .xattr("name", ("blob" + i).getBytes(StandardCharsets.UTF_8)).xattr("n", new byte[] {(byte) i}).build());
            ids.add(id);
            try (Blob b = bs.open(id)) {
                byte[] data = new byte[(int) (b.numIoUnits() * bs.ioUnitSize() / 2)];
                random.nextBytes(data);
                b.write(0, ByteBuffer.wrap(data));
                b.setXattr("length", Integer.toString(data.length).getBytes(StandardCharsets.UTF_8));
                if (i == 4) {
                    b.resize(5);
                }
            }
        }
        bs.delete(ids.get(2));
        bs.setSuperBlob(ids.get(0));
    }

    @Test
    @DisplayName("an image written by the simulator loads through SPDK's aio bdev with identical content")
    void simulatorToSpdk() {
        Path image = dir.resolve("sim.img");
        Snapshot written;
        try (FileDevice dev = FileDevice.create(image, BYTES, 4096)) {
            SimBlobstore bs = SimBlobstore.init(dev, OPTIONS);
            populate(bs);
            written = snapshot(bs);
            bs.close();
        }
        SpdkBlobstore spdk = SpdkBlobstore.load(SpdkTests.environment(), SpdkTests.aio(image, 4096), OPTIONS);
        try {
            assertEquals(written, snapshot(spdk));
        } finally {
            spdk.close();
        }
        try (FileDevice dev = FileDevice.open(image, 4096)) {
            SimBlobstore again = SimBlobstore.load(dev, OPTIONS);
            assertEquals(written, snapshot(again), "the simulator loads the image SPDK unloaded");
            again.close();
        }
    }

    @Test
    @DisplayName("an image written by SPDK through the aio bdev loads in the simulator with identical content")
    void spdkToSimulator() {
        Path image = dir.resolve("spdk.img");
        SpdkBlobstore spdk = SpdkBlobstore.init(SpdkTests.environment(), SpdkTests.freshAio(image, BYTES, 4096), OPTIONS);
        Snapshot written;
        try {
            populate(spdk);
            written = snapshot(spdk);
        } finally {
            spdk.close();
        }
        SpdkTests.deleteUnused();
        try (FileDevice dev = FileDevice.open(image, 4096)) {
            SimBlobstore bs = SimBlobstore.load(dev, OPTIONS);
            assertEquals(written, snapshot(bs));
            bs.close();
        }
    }

    @Test
    @DisplayName("BlobFS files written on the simulator read the same through SPDK, and the reverse")
    void blobFsBothWays() throws Exception {
        Path image = dir.resolve("blobfs.img");
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        try (FileDevice dev = FileDevice.create(image, BYTES, 4096);
                BlobFileSystem fs = BlobFileSystem.open(SimBlobstore.init(dev, OPTIONS), true)) {
            Files.write(fs.getPath("/from-sim"), data);
        }
        String bdev = SpdkTests.aio(image, 4096);
        try (BlobFileSystem fs = BlobFileSystem.open(SpdkBlobstore.load(SpdkTests.environment(), bdev, OPTIONS), true)) {
            assertArrayEquals(data, Files.readAllBytes(fs.getPath("/from-sim")));
            Files.write(fs.getPath("/from-spdk"), data);
        }
        SpdkTests.deleteUnused();
        try (FileDevice dev = FileDevice.open(image, 4096);
                BlobFileSystem fs = BlobFileSystem.open(SimBlobstore.load(dev, OPTIONS), true)) {
            assertArrayEquals(data, Files.readAllBytes(fs.getPath("/from-spdk")));
            assertArrayEquals(data, Files.readAllBytes(fs.getPath("/from-sim")));
        }
    }
}
