package io.github.blobds.compose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.blobfs.BlobFileSystem;
import io.github.blobds.blobstore.BlobstoreOptions;
import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.DatastoreException;
import io.github.blobds.datastore.Key;
import io.github.blobds.sim.FileDevice;
import io.github.blobds.sim.SimBlobstore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** flatfs and levelds placed in BlobFS images: shared images, reopening, and the image's identity. */
class SharedBlobFsTest {

    private static final String IMAGE = "{\"image\": \"blobfs.img\", \"size\": \"256MiB\", \"clusterSize\": 65536}";

    /** kubo's default layout, both datastores inside one BlobFS image in the repo. */
    static String kuboOnBlobFs(String image) {
        return """
                {"type": "mount", "mounts": [
                  {"mountpoint": "/blocks", "type": "flatfs", "path": "blocks", "sync": false,
                   "shardFunc": "/repo/flatfs/shard/v1/next-to-last/2", "blobfs": %1$s},
                  {"mountpoint": "/", "type": "levelds", "path": "datastore", "compression": "none", "blobfs": %1$s}
                ]}""".formatted(image);
    }

    @TempDir
    Path repo;

    @Test
    @DisplayName("Two datastores on one image share its BlobFS; after close and reopen the data reads back")
    void sharedAndReopened() throws Exception {
        Composition c = Specs.COMPOSER.parse(kuboOnBlobFs(IMAGE));
        assertEquals("{\"mounts\":[{\"blobfs\":{\"clusterSize\":65536,\"image\":\"blobfs.img\"},\"mountpoint\":\"/blocks\",\"path\":\"blocks\","
                + "\"shardFunc\":\"/repo/flatfs/shard/v1/next-to-last/2\",\"type\":\"flatfs\"},{\"blobfs\":{\"clusterSize\":65536,"
                + "\"image\":\"blobfs.img\"},\"mountpoint\":\"/\",\"path\":\"datastore\",\"type\":\"levelds\"}],\"type\":\"mount\"}", c.diskSpec().toString());
        try (Batching ds = c.open(repo)) {
            ds.put(Key.of("/blocks/CIQAAAB"), "block".getBytes());
            ds.put(Key.of("/local/filesroot"), "root".getBytes());
        }
        try (Stream<Path> files = Files.list(repo)) {
            assertEquals(List.of("blobfs.img", "datastore_spec"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the datastores live inside the image, not beside it");
        }
        assertEquals(256L << 20, Files.size(repo.resolve("blobfs.img")));
        try (Batching ds = c.open(repo)) {
            assertArrayEquals("block".getBytes(), ds.get(Key.of("/blocks/CIQAAAB")));
            assertArrayEquals("root".getBytes(), ds.get(Key.of("/local/filesroot")));
        }
        try (FileDevice dev = FileDevice.open(repo.resolve("blobfs.img"), 4096);
             BlobFileSystem fs = BlobFileSystem.open(SimBlobstore.load(dev, BlobstoreOptions.defaults()), true)) {
            assertEquals("/repo/flatfs/shard/v1/next-to-last/2\n", Files.readString(fs.getPath("/blocks/SHARDING")));
            assertTrue(Files.exists(fs.getPath("/blocks/AA/CIQAAAB.data")));
            assertTrue(Files.exists(fs.getPath("/datastore/CURRENT")));
        }
    }

    @Test
    @DisplayName("Datastores on different images get different BlobFS files")
    void twoImages() throws Exception {
        String spec = """
                {"type": "mount", "mounts": [
                  {"mountpoint": "/a", "type": "levelds", "path": "a", "blobfs": {"image": "images/a.img", "size": "32MiB", "clusterSize": 65536}},
                  {"mountpoint": "/", "type": "levelds", "path": "b", "blobfs": {"image": "images/b.img", "size": "32MiB", "clusterSize": 65536}}
                ]}""";
        try (Batching ds = Specs.COMPOSER.parse(spec).open(repo)) {
            ds.put(Key.of("/a/x"), new byte[] {1});
            ds.put(Key.of("/y"), new byte[] {2});
        }
        assertTrue(Files.exists(repo.resolve("images/a.img")));
        assertTrue(Files.exists(repo.resolve("images/b.img")));
    }

    @Test
    @DisplayName("A memory image is shared while open and gone after close")
    void memory() {
        Composition c = Specs.COMPOSER.parse(kuboOnBlobFs("{\"image\": \"ram\", \"size\": \"64MiB\", \"clusterSize\": 65536, \"backend\": \"memory\"}"));
        try (Batching ds = c.create(repo)) {
            ds.put(Key.of("/blocks/CIQAAAB"), new byte[] {1});
            ds.put(Key.of("/x"), new byte[] {2});
            assertTrue(ds.has(Key.of("/blocks/CIQAAAB")));
        }
        try (Batching ds = c.create(repo)) {
            assertFalse(ds.has(Key.of("/blocks/CIQAAAB")));
            assertFalse(ds.has(Key.of("/x")));
        }
        assertFalse(Files.exists(repo.resolve("ram")));
    }

    @Test
    @DisplayName("Moving from sim to spdk keeps datastore_spec; an existing image with other clusters is refused, naming both sizes")
    @Tag("nospdk") // with -Pspdk the spdk backend opens; BlobFsPlacementTest.simToSpdkAndBack covers that
    void identity() {
        Specs.COMPOSER.parse(kuboOnBlobFs(IMAGE)).open(repo).close();
        DatastoreException spdk = assertThrows(DatastoreException.class,
                () -> Specs.COMPOSER.parse(kuboOnBlobFs(IMAGE.replace("}", ", \"backend\": \"spdk\"}"))).open(repo));
        assertFalse(spdk instanceof SpecMismatchException, "the disk spec is the same");
        assertTrue(spdk.getMessage().contains("the \"spdk\" backend cannot run here"), spdk.getMessage());

        String bigger = IMAGE.replace("65536", "131072");
        assertThrows(SpecMismatchException.class, () -> Specs.COMPOSER.parse(kuboOnBlobFs(bigger)).open(repo));
        DatastoreException e = assertThrows(DatastoreException.class, () -> Specs.COMPOSER.parse(kuboOnBlobFs(bigger)).create(repo));
        assertTrue(e.getMessage().contains("has 65536-byte clusters, the spec says 131072"), e.getMessage());
        Specs.COMPOSER.parse(kuboOnBlobFs(IMAGE)).open(repo).close();
    }
}
