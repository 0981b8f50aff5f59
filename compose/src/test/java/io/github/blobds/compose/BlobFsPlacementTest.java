package io.github.blobds.compose;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.compose.BlobFsPlacement.Backend;
import io.github.blobds.datastore.DatastoreException;
import io.github.blobds.datastore.InvalidArgumentException;
import io.github.blobds.datastore.Key;
import io.github.blobds.levelds.LeveldbOptions.Compression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code "blobfs"} placement object of file-backed specs (blobds's addition to kubo's spec). */
class BlobFsPlacementTest {

    @TempDir
    Path repo;

    private static String levelds(String blobfs) {
        return "{\"type\": \"levelds\", \"path\": \"datastore\", \"blobfs\": " + blobfs + "}";
    }

    private static BlobFsPlacement.Image placement(String blobfs) {
        return (BlobFsPlacement.Image) ((LeveldbSpec) Specs.parse(levelds(blobfs))).blobfs().orElseThrow();
    }

    @Test
    @DisplayName("Defaults: image and size are required; 1 MiB clusters, one metadata page per cluster, the sim backend")
    void defaults() {
        BlobFsPlacement p = placement("{\"image\": \"blobfs.img\", \"size\": \"8GiB\"}");
        assertEquals(new BlobFsPlacement.Image("blobfs.img", 8L << 30, 1 << 20, -1, Backend.SIM), p);
        assertEquals(BlobFsPlacement.of("blobfs.img", 8L << 30), p);
        assertEquals(List.of("$.blobfs.image: missing required field (a string: the image file; or give \"bdev\", an SPDK bdev's name)",
                        "$.blobfs.size: missing required field (a size: bytes as an integer, or a string such as \"8GiB\")"),
                Specs.problems(levelds("{}")));
    }

    @Test
    @DisplayName("Full mapping: every field, sizes as integers or strings with units")
    void fullMapping() {
        BlobFsPlacement p = placement("{\"image\": \"/images/a.img\", \"size\": 1073741824, \"clusterSize\": 65536, \"mdPages\": 128, \"backend\": \"spdk\"}");
        assertEquals(new BlobFsPlacement.Image("/images/a.img", 1L << 30, 65536, 128, Backend.SPDK), p);
        assertEquals(2_000_000_000_000L, placement("{\"image\": \"x\", \"size\": \"2 TB\"}").size());
        assertEquals(3L << 20, placement("{\"image\": \"x\", \"size\": \"3mib\"}").size());
        assertEquals(1536L << 20, placement("{\"image\": \"x\", \"size\": \"1.5GiB\"}").size());
        assertEquals(4096, placement("{\"image\": \"x\", \"size\": \"4096B\"}").size());
        assertEquals(8192, placement("{\"image\": \"x\", \"size\": \"8192\"}").size());
        assertEquals(Backend.MEMORY, placement("{\"image\": \"x\", \"size\": 4096, \"backend\": \"memory\"}").backend());
        assertEquals(Optional.of(Backend.SIM), Backend.fromSpec("sim"));
        assertEquals("spdk", Backend.SPDK.specName());
    }

    @Test
    @DisplayName("A bdev placement: the bdev's name, an optional SPDK config (a file or inline), cluster size and metadata pages; SPDK drives it")
    void bdev() {
        BlobFsPlacement p = ((LeveldbSpec) Specs.parse(levelds("{\"bdev\": \"Nvme0n1\"}"))).blobfs().orElseThrow();
        assertEquals(BlobFsPlacement.Bdev.of("Nvme0n1", Optional.empty()), p);
        assertEquals(Backend.SPDK, p.backend());
        assertEquals("bdev \"Nvme0n1\"", p.describe());
        BlobFsPlacement.Bdev full = (BlobFsPlacement.Bdev) ((LeveldbSpec) Specs.parse(levelds(
                "{\"bdev\": \"Nvme0n1\", \"bdevConfig\": \"spdk.json\", \"clusterSize\": 65536, \"mdPages\": 64, \"backend\": \"spdk\"}")))
                .blobfs().orElseThrow();
        assertEquals(new BlobFsPlacement.Bdev("Nvme0n1", Optional.of(BlobFsPlacement.BdevConfig.file("spdk.json")), 65536, 64), full);
        BlobFsPlacement.Bdev inline = (BlobFsPlacement.Bdev) ((LeveldbSpec) Specs.parse(levelds(
                "{\"bdev\": \"M0\", \"bdevConfig\": {\"subsystems\": [{\"subsystem\": \"bdev\", \"config\": []}]}}"))).blobfs().orElseThrow();
        assertEquals("{\"subsystems\":[{\"subsystem\":\"bdev\",\"config\":[]}]}", inline.config().orElseThrow().json());
        assertThrows(InvalidArgumentException.class, () -> new BlobFsPlacement.Bdev("", Optional.empty(), 4096, -1));
        assertThrows(InvalidArgumentException.class, () -> new BlobFsPlacement.Bdev("b", Optional.empty(), 4095, -1));
        assertThrows(InvalidArgumentException.class, () -> new BlobFsPlacement.Bdev("b", Optional.empty(), 4096, 0));
        assertThrows(InvalidArgumentException.class, () -> new BlobFsPlacement.BdevConfig("a", "{}"));
        assertThrows(InvalidArgumentException.class, () -> new BlobFsPlacement.BdevConfig(null, null));
        assertThrows(InvalidArgumentException.class, () -> BlobFsPlacement.BdevConfig.file(""));
    }

    @Test
    @DisplayName("Bdev placements: the disk spec records the bdev's name and cluster size, not how SPDK reaches it")
    void bdevDiskSpec() {
        String spec = "{\"type\": \"flatfs\", \"path\": \"blocks\", \"shardFunc\": \"/repo/flatfs/shard/v1/next-to-last/2\", \"sync\": true,"
                + " \"blobfs\": {\"bdev\": \"Nvme0n1\", \"bdevConfig\": %s, \"clusterSize\": 262144}}";
        String a = Specs.parse(spec.formatted("\"a.json\"")).diskSpec().toString();
        assertEquals("{\"blobfs\":{\"bdev\":\"Nvme0n1\",\"clusterSize\":262144},\"path\":\"blocks\","
                + "\"shardFunc\":\"/repo/flatfs/shard/v1/next-to-last/2\",\"type\":\"flatfs\"}", a);
        assertEquals(a, Specs.parse(spec.formatted("{\"subsystems\": []}")).diskSpec().toString());
    }

    @Test
    @DisplayName("Every bad bdev field is reported at once: image and bdev together, a size, another backend, a bad config")
    void bdevProblems() {
        assertEquals(List.of(
                        "$.blobfs.backend: a \"bdev\" is driven by SPDK: leave \"backend\" out or make it \"spdk\", not \"sim\"",
                        "$.blobfs.bdevConfig: an inline SPDK config needs a \"subsystems\" array: {\"subsystems\": [{\"subsystem\": \"bdev\","
                                + " \"config\": [...]}]}",
                        "$.blobfs.image: give either \"image\" (a BlobFS image file) or \"bdev\" (an SPDK bdev), not both",
                        "$.blobfs.size: does not go with \"bdev\": the Blobstore takes the whole bdev"),
                Specs.problems(levelds("{\"bdev\": \"Nvme0n1\", \"image\": \"x.img\", \"size\": \"1GiB\", \"backend\": \"sim\","
                        + " \"bdevConfig\": {\"bdev\": []}}")));
        assertEquals(List.of("$.blobfs.bdev: must not be empty", "$.blobfs.bdevConfig: must not be empty"),
                Specs.problems(levelds("{\"bdev\": \"\", \"bdevConfig\": \"\"}")));
        assertEquals(List.of("$.blobfs.bdev: expected a string, got a number (7)",
                        "$.blobfs.bdevConfig: expected a file name, or SPDK's JSON config as an object, got a number (1)"),
                Specs.problems(levelds("{\"bdev\": 7, \"bdevConfig\": 1}")));
        assertEquals(List.of("$.blobfs.bdevConfig: only goes with \"bdev\" (an SPDK bdev), not with an image"),
                Specs.problems(levelds("{\"image\": \"x.img\", \"size\": 4096, \"bdevConfig\": \"a.json\"}")));
        assertEquals(List.of("$.mounts[1].blobfs: bdev \"Nvme0n1\" is described differently at $.mounts[0].blobfs"
                        + " (clusterSize 1048576, mdPages -1, bdevConfig file \"a.json\" there, clusterSize 65536, mdPages -1, bdevConfig none here);"
                        + " every datastore on one bdev must describe it alike"),
                Specs.problems("{\"type\": \"mount\", \"mounts\": ["
                        + "{\"mountpoint\": \"/a\", \"type\": \"levelds\", \"path\": \"a\", \"blobfs\": {\"bdev\": \"Nvme0n1\", \"bdevConfig\": \"a.json\"}},"
                        + "{\"mountpoint\": \"/b\", \"type\": \"levelds\", \"path\": \"b\", \"blobfs\": {\"bdev\": \"Nvme0n1\", \"clusterSize\": 65536}}]}"));
        assertEquals(List.of("$.mounts[1].path: directory \"a\" is also used by the datastore at $.mounts[0] on bdev \"Nvme0n1\""),
                Specs.problems("{\"type\": \"mount\", \"mounts\": ["
                        + "{\"mountpoint\": \"/a\", \"type\": \"levelds\", \"path\": \"a\", \"blobfs\": {\"bdev\": \"Nvme0n1\"}},"
                        + "{\"mountpoint\": \"/b\", \"type\": \"levelds\", \"path\": \"a\", \"blobfs\": {\"bdev\": \"Nvme0n1\"}}]}"));
    }

    @Test
    @DisplayName("Every bad value is reported with its path")
    void problems() {
        assertEquals(List.of(
                        "$.blobfs.backend: unknown backend \"smi\"; did you mean \"sim\"? (backends: \"memory\", \"sim\", \"spdk\")",
                        "$.blobfs.clusterSize: must be a positive multiple of 4096, was 1000",
                        "$.blobfs.image: must not be empty",
                        "$.blobfs.imgae: unknown field of blobfs placement; did you mean \"image\"? (known fields: \"backend\", \"bdev\","
                                + " \"bdevConfig\", \"clusterSize\", \"image\", \"mdPages\", \"size\")",
                        "$.blobfs.mdPages: must be -1 (one per cluster) or positive, was 0",
                        "$.blobfs.size: unknown unit \"GiBs\" in size \"8GiBs\" (units: B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)"),
                Specs.problems(levelds("{\"image\": \"\", \"imgae\": \"x\", \"size\": \"8GiBs\", \"clusterSize\": 1000, \"mdPages\": 0,"
                        + " \"backend\": \"smi\"}")));
        assertEquals(List.of("$.blobfs.size: must be a positive multiple of 4096 bytes, was 1000"),
                Specs.problems(levelds("{\"image\": \"x\", \"size\": \"1KB\"}")));
        assertEquals(List.of("$.blobfs.size: not a size: \"lots\" (write bytes, or a number and a unit such as \"8GiB\" or \"500MB\")"),
                Specs.problems(levelds("{\"image\": \"x\", \"size\": \"lots\"}")));
        assertEquals(List.of("$.blobfs.size: expected a size: bytes as an integer, or a string such as \"8GiB\", got a number (4096.5)"),
                Specs.problems(levelds("{\"image\": \"x\", \"size\": 4096.5}")));
        assertEquals(List.of("$.blobfs.size: size \"0.5B\" is not a whole number of bytes that fits 63 bits"),
                Specs.problems(levelds("{\"image\": \"x\", \"size\": \"0.5B\"}")));
        assertEquals(List.of("$.blobfs.clusterSize: expected an integer, got a string (\"1MiB\")"),
                Specs.problems(levelds("{\"image\": \"x\", \"size\": 4096, \"clusterSize\": \"1MiB\"}")));
        assertEquals(List.of("$.blobfs: expected an object (blobfs placement), got a string (\"blobfs.img\")"),
                Specs.problems(levelds("\"blobfs.img\"")));
    }

    @Test
    @DisplayName("The record checks its fields")
    void record() {
        assertThrows(InvalidArgumentException.class, () -> new BlobFsPlacement.Image("", 4096, 4096, -1, Backend.SIM));
        assertThrows(InvalidArgumentException.class, () -> new BlobFsPlacement.Image("x", 4095, 4096, -1, Backend.SIM));
        assertThrows(InvalidArgumentException.class, () -> new BlobFsPlacement.Image("x", 4096, 0, -1, Backend.SIM));
        assertThrows(InvalidArgumentException.class, () -> new BlobFsPlacement.Image("x", 4096, 4096, -2, Backend.SIM));
        assertThrows(InvalidArgumentException.class, () -> new BlobFsPlacement.Image("x", 4096, 4096, -1, null));
        assertThrows(InvalidArgumentException.class, () -> new BlobFsPlacement.Image(null, 4096, 4096, -1, Backend.SIM));
    }

    @Test
    @DisplayName("The disk spec holds the image and cluster size, not the backend, size or metadata pages: sim and spdk share it")
    void diskSpecIgnoresBackend() {
        String sim = Specs.parse(levelds("{\"image\": \"blobfs.img\", \"size\": \"8GiB\", \"backend\": \"sim\"}")).diskSpec().toString();
        String spdk = Specs.parse(levelds("{\"image\": \"blobfs.img\", \"size\": \"16GiB\", \"mdPages\": 64, \"backend\": \"spdk\"}"))
                .diskSpec().toString();
        assertEquals("{\"blobfs\":{\"clusterSize\":1048576,\"image\":\"blobfs.img\"},\"path\":\"datastore\",\"type\":\"levelds\"}", sim);
        assertEquals(sim, spdk);
        String other = Specs.parse(levelds("{\"image\": \"blobfs.img\", \"size\": \"8GiB\", \"clusterSize\": 65536}")).diskSpec().toString();
        assertFalse(sim.equals(other), "the cluster size is part of the identity");
    }

    @Test
    @Tag("nospdk")
    @DisplayName("Without SPDK, the spdk backend fails saying why, and leaves no image behind")
    void spdkNotAvailable() {
        // The build points blobds.spdk.library at a file that does not exist unless -Pspdk runs (compose's pom).
        Composition c = Specs.COMPOSER.parse(levelds("{\"image\": \"blobfs.img\", \"size\": \"64MiB\", \"backend\": \"spdk\"}"));
        DatastoreException e = assertThrows(DatastoreException.class, () -> c.create(repo));
        assertTrue(e.getMessage().contains("the \"spdk\" backend cannot run here"), e.getMessage());
        assertTrue(e.getMessage().contains("blobfs.img"), e.getMessage());
        assertTrue(e.getMessage().contains("the \"sim\" backend opens the same image file"), e.getMessage());
        assertFalse(Files.exists(repo.resolve("blobfs.img")));
    }

    @Test
    @Tag("spdk")
    @DisplayName("Changing one spec line moves an image from the simulator to SPDK and back, with its data (-Pspdk)")
    void simToSpdkAndBack() {
        String sim = levelds("{\"image\": \"blobfs.img\", \"size\": \"64MiB\", \"clusterSize\": 65536, \"backend\": \"sim\"}");
        String spdk = sim.replace("\"backend\": \"sim\"", "\"backend\": \"spdk\"");
        try (var ds = Specs.COMPOSER.parse(sim).create(repo)) {
            ds.put(Key.of("/written/by/sim"), "one".getBytes(UTF_8));
        }
        try (var ds = Specs.COMPOSER.parse(spdk).open(repo)) {
            assertEquals("one", new String(ds.get(Key.of("/written/by/sim")), UTF_8));
            ds.put(Key.of("/written/by/spdk"), "two".getBytes(UTF_8));
        }
        try (var ds = Specs.COMPOSER.parse(sim).open(repo)) {
            assertEquals("one", new String(ds.get(Key.of("/written/by/sim")), UTF_8));
            assertEquals("two", new String(ds.get(Key.of("/written/by/spdk")), UTF_8));
        }
    }

    @Test
    @Tag("spdk")
    @DisplayName("The spdk backend refuses an image on tmpfs up front, saying why, instead of failing every write-zeroes with EIO (-Pspdk)")
    void spdkOnTmpfs() throws Exception {
        Path shm = Path.of("/dev/shm");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shm) && Files.getFileStore(shm).type().equals("tmpfs"),
                "no tmpfs at /dev/shm");
        Path image = Files.createTempDirectory(shm, "blobds-spdk-tmpfs").resolve("blobfs.img");
        try {
            DatastoreException e = assertThrows(DatastoreException.class, () -> Specs.COMPOSER.parse(
                    levelds("{\"image\": \"" + image + "\", \"size\": \"16MiB\", \"backend\": \"spdk\"}")).create(repo));
            assertTrue(e.getMessage().contains("cannot use an image on tmpfs") && e.getMessage().contains("FALLOC_FL_ZERO_RANGE"), e.getMessage());
            assertFalse(Files.exists(image));
        } finally {
            Files.deleteIfExists(image.getParent());
        }
    }

    @Test
    @DisplayName("A sim image that is not a blobstore fails to open, naming it")
    void badImage() throws Exception {
        Files.write(repo.resolve("junk.img"), new byte[8192]);
        Composition c = Specs.COMPOSER.parse(levelds("{\"image\": \"junk.img\", \"size\": \"64MiB\"}"));
        DatastoreException e = assertThrows(DatastoreException.class, () -> c.create(repo));
        assertTrue(e.getMessage().contains("blobfs image \"junk.img\""), e.getMessage());
    }

    @Test
    @DisplayName("A sim image too small for its metadata is not left behind")
    void failedFormat() {
        Composition c = Specs.COMPOSER.parse(levelds("{\"image\": \"small.img\", \"size\": 8192}"));
        DatastoreException e = assertThrows(DatastoreException.class, () -> c.create(repo));
        assertTrue(e.getMessage().contains("small.img"), e.getMessage());
        assertFalse(Files.exists(repo.resolve("small.img")));
    }

    @Test
    @DisplayName("A levelds spec can be built in code with a placement")
    void inCode() {
        LeveldbSpec spec = new LeveldbSpec("db", Compression.NONE, Optional.of(BlobFsPlacement.of("x.img", 64L << 20).withBackend(Backend.MEMORY)));
        assertEquals("{\"blobfs\":{\"clusterSize\":1048576,\"image\":\"x.img\"},\"path\":\"db\",\"type\":\"levelds\"}", spec.diskSpec().toString());
    }
}
