package io.github.blobds.compose;

import static java.nio.charset.StandardCharsets.UTF_8;
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
import io.github.blobds.spdk.SpdkEnvironment;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BlobFS placements on SPDK bdevs ({@code "blobfs": {"bdev": …, "bdevConfig": …}}), on malloc and aio
 * bdevs made from the placement's config: what is formatted, loaded or refused, and that the data stays.
 * Tagged {@code spdk} (run by -Pspdk, where SPDK is installed), except the test of the message without it.
 */
class BdevPlacementTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String SHARD = "/repo/flatfs/shard/v1/next-to-last/2";

    @TempDir
    Path repo;

    @TempDir
    Path other;

    /** A bdev name no other test of this JVM uses (bdevs made from configs stay for the life of the environment). */
    private static String name(String kind) {
        return "Compose" + kind + NAMES.incrementAndGet();
    }

    private static String malloc(String bdev, long mib) {
        return "{\"subsystems\": [{\"subsystem\": \"bdev\", \"config\": [{\"method\": \"bdev_malloc_create\", \"params\": {\"name\": \""
                + bdev + "\", \"num_blocks\": " + mib * 256 + ", \"block_size\": 4096}}]}]}";
    }

    private static String aio(String bdev, Path file) {
        return "{\"subsystems\": [{\"subsystem\": \"bdev\", \"config\": [{\"method\": \"bdev_aio_create\", \"params\": {\"name\": \""
                + bdev + "\", \"filename\": \"" + file.toAbsolutePath() + "\", \"block_size\": 4096, \"fallocate\": true}}]}]}";
    }

    /** kubo's default tree with flatfs and levelds sharing one BlobFS on {@code blobfs}. */
    private static Composition kubo(String blobfs) {
        return Specs.COMPOSER.parse("{\"type\": \"mount\", \"mounts\": ["
                + "{\"mountpoint\": \"/blocks\", \"type\": \"flatfs\", \"path\": \"blocks\", \"shardFunc\": \"" + SHARD + "\", \"sync\": true,"
                + " \"blobfs\": " + blobfs + "},"
                + "{\"mountpoint\": \"/\", \"type\": \"levelds\", \"path\": \"datastore\", \"compression\": \"none\", \"blobfs\": " + blobfs + "}]}");
    }

    private static Path sparse(Path file, long bytes, byte[] head) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(bytes);
            f.write(head);
        }
        return file;
    }

    @Test
    @Tag("spdk")
    @DisplayName("A blank malloc bdev from an inline config is formatted for a new repo; both datastores share it; the data is there on reopen")
    void mallocInline() {
        String bdev = name("Malloc");
        String blobfs = "{\"bdev\": \"" + bdev + "\", \"bdevConfig\": " + malloc(bdev, 32) + ", \"clusterSize\": 65536}";
        byte[] block = "a block".getBytes(UTF_8);
        try (Batching ds = kubo(blobfs).open(repo)) {
            ds.put(Key.of("/blocks/CIQBLOCK"), block);
            ds.put(Key.of("/local/pins"), "pins".getBytes(UTF_8));
        }
        SpdkEnvironment env = SpdkEnvironment.current().orElseThrow();
        assertTrue(env.hasBdev(bdev), "a bdev made from a config stays for the life of the environment");
        assertFalse(env.hasBlobstoreOn(bdev), "the Blobstore was unloaded when the tree closed");
        assertEquals("SPDKBLOB", new String(env.readBdev(bdev, 0, 8), UTF_8));
        try (Batching ds = kubo(blobfs).open(repo)) {
            assertArrayEquals(block, ds.get(Key.of("/blocks/CIQBLOCK")));
            assertEquals("pins", new String(ds.get(Key.of("/local/pins")), UTF_8));
        }
    }

    @Test
    @Tag("spdk")
    @DisplayName("An aio bdev from a config file: the bytes on the file are SPDK's format, which the simulator loads with the BlobFS files")
    void aioFromFile() throws Exception {
        String bdev = name("Aio");
        Path image = sparse(other.resolve("nvme-stand-in.img"), 64L << 20, new byte[0]);
        Files.writeString(repo.resolve("spdk-bdevs.json"), aio(bdev, image));
        String blobfs = "{\"bdev\": \"" + bdev + "\", \"bdevConfig\": \"spdk-bdevs.json\", \"clusterSize\": 262144}";
        try (Batching ds = kubo(blobfs).open(repo)) {
            ds.put(Key.of("/blocks/CIQAIO"), "on aio".getBytes(UTF_8));
        }
        assertEquals("{\"mounts\":[{\"blobfs\":{\"bdev\":\"" + bdev + "\",\"clusterSize\":262144},\"mountpoint\":\"/blocks\",\"path\":\"blocks\","
                + "\"shardFunc\":\"" + SHARD + "\",\"type\":\"flatfs\"},{\"blobfs\":{\"bdev\":\"" + bdev + "\",\"clusterSize\":262144},"
                + "\"mountpoint\":\"/\",\"path\":\"datastore\",\"type\":\"levelds\"}],\"type\":\"mount\"}",
                Files.readString(repo.resolve(Composition.SPEC_FILE)), "the disk spec names the bdev, not its config");
        try (FileDevice dev = FileDevice.open(image, 4096)) {
            SimBlobstore bs = SimBlobstore.load(dev, BlobstoreOptions.defaults());
            assertEquals(262144, bs.clusterSize());
            try (BlobFileSystem fs = BlobFileSystem.open(bs, true); Stream<Path> files = Files.walk(fs.getPath("/blocks"))) {
                assertTrue(files.anyMatch(p -> p.getFileName() != null && p.getFileName().toString().startsWith("CIQAIO")));
                assertTrue(Files.isDirectory(fs.getPath("/datastore")));
            }
        }
    }

    @Test
    @Tag("spdk")
    @DisplayName("A bdev holding other data is never formatted: the open fails naming its first bytes, and the repo stays new")
    void foreignData() throws Exception {
        String bdev = name("Aio");
        byte[] ext4ish = "not a blobstore".getBytes(UTF_8);
        Path image = sparse(other.resolve("foreign.img"), 16L << 20, ext4ish);
        String blobfs = "{\"bdev\": \"" + bdev + "\", \"bdevConfig\": " + aio(bdev, image) + "}";
        DatastoreException e = assertThrows(DatastoreException.class, () -> kubo(blobfs).open(repo));
        assertTrue(e.getMessage().contains("blobfs bdev \"" + bdev + "\" holds data that is not a Blobstore (its first bytes: 6e 6f 74 20"),
                e.getMessage());
        assertTrue(e.getMessage().contains("never formats over data"), e.getMessage());
        assertFalse(Files.exists(repo.resolve(Composition.SPEC_FILE)), "a first open that failed leaves no datastore_spec");
        byte[] head = new byte[ext4ish.length];
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "r")) {
            f.readFully(head);
        }
        assertArrayEquals(ext4ish, head, "the bdev is untouched");
    }

    @Test
    @Tag("spdk")
    @DisplayName("A blank bdev in a repo that exists is missing data, not new: refused, not formatted")
    void blankInExistingRepo() {
        String bdev = name("Malloc");
        String blobfs = "{\"bdev\": \"" + bdev + "\", \"bdevConfig\": " + malloc(bdev, 16) + ", \"clusterSize\": 65536}";
        try (Batching ds = kubo(blobfs).open(repo)) {
            ds.put(Key.of("/blocks/CIQGONE"), new byte[] {1});
        }
        SpdkEnvironment env = SpdkEnvironment.current().orElseThrow();
        env.deleteBdev(bdev); // the device is replaced by a blank one of the same name
        DatastoreException e = assertThrows(DatastoreException.class, () -> kubo(blobfs).open(repo));
        assertTrue(e.getMessage().contains("holds no Blobstore (its first 4096 bytes are zeroes), yet the repo's datastore_spec says"),
                e.getMessage());
        assertTrue(Files.exists(repo.resolve(Composition.SPEC_FILE)), "an existing repo keeps its datastore_spec");
        assertTrue(env.hasBdev(bdev) && !env.hasBlobstoreOn(bdev));
        assertTrue(SpdkBdev.isZero(env.readBdev(bdev, 0, 4096)), "not formatted");
        try (Batching ds = kubo(blobfs).create(other)) { // Composition.create: no datastore_spec, the caller says it is new
            assertFalse(ds.has(Key.of("/blocks/CIQGONE")));
        }
    }

    @Test
    @Tag("spdk")
    @DisplayName("Wrong cluster size, a bdev in use, no such bdev, a config that makes another: each refused, saying what is wrong")
    void refusals() throws Exception {
        String bdev = name("Malloc");
        String blobfs = "{\"bdev\": \"" + bdev + "\", \"bdevConfig\": " + malloc(bdev, 16) + ", \"clusterSize\": 65536}";
        try (Batching ds = kubo(blobfs).open(repo)) {
            DatastoreException inUse = assertThrows(DatastoreException.class, () -> kubo(blobfs).create(other));
            assertTrue(inUse.getMessage().contains("blobfs bdev \"" + bdev + "\" is in use"), inUse.getMessage());
            ds.put(Key.of("/still/open"), new byte[] {2});
        }
        DatastoreException clusters = assertThrows(DatastoreException.class,
                () -> kubo(blobfs.replace("65536", "131072")).create(other));
        assertTrue(clusters.getMessage().contains("has 65536-byte clusters, the spec says 131072"), clusters.getMessage());

        DatastoreException missing = assertThrows(DatastoreException.class, () -> kubo("{\"bdev\": \"NoSuchBdev\"}").open(other));
        assertTrue(missing.getMessage().contains("SPDK has no bdev of that name (it has: ") && missing.getMessage().contains(bdev),
                missing.getMessage());
        assertTrue(missing.getMessage().contains("no \"bdevConfig\" to make it"), missing.getMessage());

        String made = name("Malloc");
        DatastoreException wrongConfig = assertThrows(DatastoreException.class,
                () -> kubo("{\"bdev\": \"Expected\", \"bdevConfig\": " + malloc(made, 8) + "}").open(other));
        assertTrue(wrongConfig.getMessage().contains("ran but made no bdev of that name"), wrongConfig.getMessage());

        DatastoreException badConfig = assertThrows(DatastoreException.class,
                () -> kubo("{\"bdev\": \"X\", \"bdevConfig\": \"missing.json\"}").open(other));
        assertTrue(badConfig.getMessage().contains("cannot read its bdevConfig " + other.resolve("missing.json")), badConfig.getMessage());

        DatastoreException failing = assertThrows(DatastoreException.class, () -> kubo("{\"bdev\": \"Y\", \"bdevConfig\": "
                + aio("Y", other.resolve("no-such-file.img")) + "}").open(other));
        assertTrue(failing.getMessage().contains("its bdevConfig (inline) failed"), failing.getMessage());
        assertFalse(Files.exists(other.resolve(Composition.SPEC_FILE)));
    }

    @Test
    @Tag("nospdk")
    @DisplayName("Without SPDK a bdev placement says SPDK cannot run here, and why")
    void withoutSpdk() {
        DatastoreException e = assertThrows(DatastoreException.class, () -> kubo("{\"bdev\": \"Nvme0n1\"}").open(repo));
        assertTrue(e.getMessage().contains("blobfs bdev \"Nvme0n1\": SPDK cannot run here"), e.getMessage());
        assertFalse(Files.exists(repo.resolve(Composition.SPEC_FILE)));
    }
}
