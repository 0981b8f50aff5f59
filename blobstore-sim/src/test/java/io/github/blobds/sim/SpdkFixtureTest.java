package io.github.blobds.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.blobds.blobstore.Blob;
import io.github.blobds.blobstore.BlobId;
import io.github.blobds.blobstore.BlobstoreException;
import io.github.blobds.blobstore.BlobstoreOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Images written by real SPDK v25.05.1 load here and read back exactly what their manifests list. */
class SpdkFixtureTest {

    static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    @ParameterizedTest
    @ValueSource(strings = {"spdk-blobstore-basic", "spdk-blobstore-dirty", "spdk-blobstore-512"})
    void loadsAndReadsBackTheManifest(String name) throws Exception {
        JsonNode m = Fixtures.manifest(name);
        MemoryDevice dev = Fixtures.image(name);
        byte[] whole = new byte[(int) dev.sizeBytes()];
        dev.read(0, ByteBuffer.wrap(whole));
        assertEquals(m.at("/image/image_sha256").asText(), HexFormat.of().formatHex(sha256(whole)), "fixture image intact");
        SimBlobstore bs = SimBlobstore.load(dev, BlobstoreOptions.defaults().withBstype(m.at("/superblock_as_read_from_image/bstype").asText()));
        verify(m, bs);
        bs.close();
        SimBlobstore again = SimBlobstore.load(dev, BlobstoreOptions.defaults());
        verify(m, again);
        again.close();
    }

    static void verify(JsonNode m, SimBlobstore bs) throws Exception {
        assertEquals(m.at("/io_unit_size").asInt(), bs.ioUnitSize());
        assertEquals(m.at("/cluster_size").asLong(), bs.clusterSize());
        assertEquals(m.at("/total_data_clusters").asLong(), bs.totalDataClusters());
        assertEquals(m.at("/free_clusters_before_unload").asLong(), bs.freeClusters());
        assertEquals(m.at("/superblock_as_read_from_image/bstype").asText(), bs.bstype());
        assertEquals(BlobId.parse(m.at("/superblock_as_read_from_image/super_blob").asText()), bs.superBlob().orElseThrow());
        List<BlobId> expectedIds = new ArrayList<>();
        for (JsonNode b : m.get("blobs")) {
            BlobId id = BlobId.parse(b.get("id").asText());
            if (b.get("deleted").asBoolean()) {
                assertEquals(BlobstoreException.ENOENT, assertThrows(BlobstoreException.class, () -> bs.open(id)).errno(), "deleted " + id);
                continue;
            }
            expectedIds.add(id);
            try (Blob blob = bs.open(id)) {
                String tag = b.get("tag").asText();
                assertEquals(b.get("num_clusters").asLong(), blob.numClusters(), tag);
                assertEquals(b.get("allocated_clusters").asLong(), blob.numAllocatedClusters(), tag);
                assertEquals(b.get("thin").asBoolean(), blob.isThinProvisioned(), tag);
                List<String> names = new ArrayList<>();
                for (JsonNode x : b.get("xattrs")) {
                    names.add(x.get("name").asText());
                    assertEquals(x.get("hex").asText(), HexFormat.of().formatHex(blob.getXattr(x.get("name").asText())), tag + " xattr " + x.get("name"));
                }
                assertEquals(names, blob.xattrNames(), tag + " xattr order");
                for (JsonNode r : b.get("regions")) {
                    byte[] got = new byte[r.get("bytes").asInt()];
                    blob.read(r.get("io_unit_offset").asLong(), ByteBuffer.wrap(got));
                    byte[] pattern = r.get("pattern").asText().getBytes(StandardCharsets.US_ASCII);
                    byte[] expected = new byte[got.length];
                    for (int i = 0; i < expected.length; i++) {
                        expected[i] = pattern[i % pattern.length];
                    }
                    assertArrayEquals(expected, got, tag + " region at " + r.get("io_unit_offset"));
                    assertEquals(r.get("sha256").asText(), HexFormat.of().formatHex(sha256(got)));
                }
                byte[] zero = new byte[bs.ioUnitSize()];
                blob.read(b.get("zero_io_unit").asLong(), ByteBuffer.wrap(zero));
                assertArrayEquals(new byte[bs.ioUnitSize()], zero, tag + " zero io_unit");
            }
        }
        assertEquals(expectedIds, bs.blobIds());
    }

    @Test
    void wrongBstypeIsRefused() {
        MemoryDevice dev = Fixtures.image("spdk-blobstore-basic");
        BlobstoreException e = assertThrows(BlobstoreException.class, () -> SimBlobstore.load(dev, BlobstoreOptions.defaults().withBstype("BLOBFS")));
        assertEquals(BlobstoreException.ENXIO, e.errno());
    }

    @Test
    void loadsFromAFileDevice(@TempDir Path tmp) throws Exception {
        Path img = Fixtures.imageFile("spdk-blobstore-dirty", tmp);
        JsonNode m = Fixtures.manifest("spdk-blobstore-dirty");
        try (FileDevice dev = FileDevice.open(img, 4096)) {
            SimBlobstore bs = SimBlobstore.load(dev, BlobstoreOptions.defaults());
            verify(m, bs);
            bs.close();
        }
        try (FileDevice dev = FileDevice.open(img, 4096)) {
            SimBlobstore bs = SimBlobstore.load(dev, BlobstoreOptions.defaults());
            verify(m, bs);
            bs.close();
        }
    }
}
