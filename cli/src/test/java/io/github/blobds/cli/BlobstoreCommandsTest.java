package io.github.blobds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** blobstore inspect and fsck on images real SPDK wrote (shared/fixtures), and on damaged copies. */
class BlobstoreCommandsTest {

    @TempDir
    Path dir;

    private Cli.Result run(String... args) {
        return new Cli(dir).run(args);
    }

    static Path gunzip(String fixture, Path dir) throws Exception {
        Path out = dir.resolve(fixture.replace(".gz", ""));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Cli.fixture(fixture)))) {
            Files.copy(in, out);
        }
        return out;
    }

    private static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    @Test
    @DisplayName("inspect prints SPDK's super block fields, geometry, free clusters, blobs and xattrs, and leaves the image as it was")
    void inspect() throws Exception {
        Path image = gunzip("spdk-blobstore-basic.img.gz", dir);
        String before = sha256(image);
        Cli.Result r = run("blobstore", "inspect", image.toString());
        assertEquals(0, r.code(), r::toString);
        String out = r.out();
        for (String expected : new String[] {"signature                SPDKBLOB", "cluster_size             65536", "md_len                   512",
                "bstype                   \"TESTBS\"", "crc                      0x", "(valid)", "479 clusters of 65536 bytes", "471 free clusters",
                "super blob: 0x100000002", "blobs: 3", "0x100000000  2 clusters (2 allocated), 32 io_units",
                "xattr title = \"north: two clusters, written twice\"", "xattr bin1000 = 1000 bytes: c0e5b557",
                "xattr small.bin = 7 bytes: 00ff10807f000a", "8 clusters (1 allocated), 128 io_units (512.0 KiB), thin"}) {
            assertTrue(out.contains(expected), () -> "missing \"" + expected + "\" in\n" + out);
        }
        assertEquals(before, sha256(image), "inspect does not change the image");
    }

    @Test
    @DisplayName("inspect reads .gz images directly, 512-byte io_units, BlobFS xattrs, and says when an image was not cleanly unloaded")
    void inspectVariants() {
        Cli.Result small = run("blobstore", "inspect", Cli.fixture("spdk-blobstore-512.img.gz").toString());
        assertTrue(small.out().contains("read as 32768 blocks of 512") && small.out().contains("io_unit_size             512"), small::toString);
        Cli.Result blobfs = run("blobstore", "inspect", Cli.fixture("spdk-blobfs-basic.img.gz").toString());
        assertTrue(blobfs.out().contains("xattr name = \"CURRENT\" (NUL-terminated)"), blobfs::toString);
        assertTrue(blobfs.out().contains("xattr length = 16 (u64 LE; 1000000000000000)"), blobfs::toString);
        Cli.Result dirty = run("blobstore", "inspect", Cli.fixture("spdk-blobstore-dirty.img.gz").toString());
        assertTrue(dirty.out().contains("not cleanly unloaded"), dirty::toString);
    }

    @Test
    @DisplayName("fsck passes SPDK's clean and dirty images, and the simulator's own")
    void fsckConsistent() throws Exception {
        for (String f : new String[] {"spdk-blobstore-basic.img.gz", "spdk-blobstore-512.img.gz", "spdk-blobfs-basic.img.gz"}) {
            Cli.Result r = run("blobstore", "fsck", Cli.fixture(f).toString());
            assertEquals(0, r.code(), r::toString);
            assertTrue(r.out().contains(": consistent ("), r::toString);
        }
        Cli.Result dirty = run("blobstore", "fsck", Cli.fixture("spdk-blobstore-dirty.img.gz").toString());
        assertEquals(0, dirty.code(), dirty::toString);
        assertTrue(dirty.out().contains("note: not cleanly unloaded"), dirty::toString);
        assertEquals("", run("blobstore", "fsck", "-q", Cli.fixture("spdk-blobstore-basic.img.gz").toString()).out());
    }

    @Test
    @DisplayName("fsck finds a used-clusters mask that disagrees with the metadata, naming each cluster, and exits 1")
    void fsckMaskMismatch() throws Exception {
        Path image = gunzip("spdk-blobstore-basic.img.gz", dir);
        byte[] bytes = Files.readAllBytes(image);
        // used-clusters mask at page 2: 5-byte header, then bits; mark clusters 400..415 used, which no blob owns
        bytes[2 * 4096 + 5 + 50] = (byte) 0xff;
        bytes[2 * 4096 + 5 + 51] = (byte) 0xff;
        Files.write(image, bytes);
        Cli.Result r = run("blobstore", "fsck", image.toString());
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.out().contains("problem: used-clusters mask: cluster 400 is marked used on disk but the metadata does not use it"), r::toString);
        assertTrue(r.out().contains("… and 6 more like the last") && r.out().contains(": 11 problems"), r::toString);
        bytes[2 * 4096 + 5 + 50] = 0;
        bytes[2 * 4096 + 5 + 51] = 0;
        bytes[3 * 4096 + 5] = 0; // used-blobids: the blobs' ids now look free
        Files.write(image, bytes);
        Cli.Result ids = run("blobstore", "fsck", image.toString());
        assertEquals(1, ids.code(), ids::toString);
        assertTrue(ids.out().contains("used-blobids mask: blob id of page 0 is used by the metadata but marked free on disk"), ids::toString);
    }

    @Test
    @DisplayName("fsck reports a damaged super block; missing files, non-images and bad block sizes are errors")
    void fsckBroken() throws Exception {
        Path image = gunzip("spdk-blobstore-basic.img.gz", dir);
        byte[] bytes = Files.readAllBytes(image);
        bytes[60] ^= 1; // inside bstype: the CRC no longer matches
        Files.write(image, bytes);
        Cli.Result r = run("blobstore", "fsck", image.toString());
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.out().contains("problem: super block (page 0): CRC-32C") && r.out().contains("does not load"), r::toString);
        Cli.Result inspect = run("blobstore", "inspect", image.toString());
        assertEquals(2, inspect.code(), inspect::toString);
        assertTrue(inspect.err().contains("does not load as a Blobstore"), inspect::toString);

        Path missing = dir.resolve("absent.img");
        assertTrue(run("blobstore", "fsck", missing.toString()).err().contains("image " + missing + " does not exist"));
        Path text = dir.resolve("small.img");
        Files.writeString(text, "not an image");
        assertTrue(run("blobstore", "inspect", text.toString()).err().contains("not a whole number of 4096-byte blocks"));
        assertTrue(run("blobstore", "fsck", "--block-size", "1000", image.toString()).err().contains("--block-size must be 512 or 4096"));
    }
}
