package io.github.blobds.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** blobfs ls, cat, import and export, on SPDK's BlobFS image and on images made here. */
class BlobfsCommandsTest {

    @TempDir
    Path dir;

    private Cli.Result run(String... args) {
        return new Cli(dir).run(args);
    }

    private Cli.Result ok(String... args) {
        Cli.Result r = run(args);
        assertEquals(0, r.code(), r::toString);
        return r;
    }

    @Test
    @DisplayName("ls and cat read the files SPDK BlobFS wrote (shared/fixtures/spdk-blobfs-basic)")
    void spdkImage() {
        String image = Cli.fixture("spdk-blobfs-basic.img.gz").toString();
        assertEquals("70000\t000005.log\n262144\tblocks/AB/CIQTEST.data\n0\tzero\n16\tCURRENT\n", ok("blobfs", "ls", image).out());
        assertTrue(ok("blobfs", "ls", image).err().contains("4 files, 332160 bytes"));
        assertEquals("262144\t0x100000004\tblocks/AB/CIQTEST.data\n", ok("blobfs", "ls", "-l", "--prefix", "blocks/", image).out());
        assertEquals("MANIFEST-000004\n", ok("blobfs", "cat", image, "CURRENT").out());
        assertEquals(70000, ok("blobfs", "cat", image, "000005.log").outBytes().length);
        Cli.Result missing = run("blobfs", "cat", image, "nope");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no file nope in BlobFS image"), missing::toString);
    }

    @Test
    @DisplayName("import copies a directory tree into a new image, export copies it back out byte for byte")
    void roundTrip() throws Exception {
        Path src = dir.resolve("data");
        Files.createDirectories(src.resolve("sub/deeper"));
        byte[] big = new byte[300_000];
        new Random(7).nextBytes(big);
        Files.write(src.resolve("big.bin"), big);
        Files.writeString(src.resolve("sub/a.txt"), "alpha");
        Files.writeString(src.resolve("sub/deeper/b.txt"), "beta");
        Files.write(src.resolve("empty"), new byte[0]);
        Path single = dir.resolve("single.txt");
        Files.writeString(single, "one");
        Path image = dir.resolve("fs.img");

        Cli.Result imported = ok("blobfs", "import", image.toString(), src.toString(), single.toString(), "--size", "64MiB",
                "--cluster-size", "64KiB", "--to", "backup/");
        assertTrue(imported.err().contains("imported 5 files, 300012 bytes"), imported::toString);
        assertEquals("""
                300000\tbackup/data/big.bin
                0\tbackup/data/empty
                5\tbackup/data/sub/a.txt
                4\tbackup/data/sub/deeper/b.txt
                3\tbackup/single.txt
                """, ok("blobfs", "ls", image.toString()).out());
        assertEquals(0, ok("blobstore", "fsck", image.toString()).code());

        Cli.Result again = run("blobfs", "import", image.toString(), single.toString(), "--to", "backup/");
        assertEquals(2, again.code());
        assertTrue(again.err().contains("BlobFS file backup/single.txt exists"), again::toString);
        Files.writeString(single, "replaced");
        ok("blobfs", "import", image.toString(), single.toString(), "--to", "backup/", "--force");
        assertEquals("replaced", ok("blobfs", "cat", image.toString(), "backup/single.txt").out());

        Path out = dir.resolve("out");
        Cli.Result exported = ok("blobfs", "export", image.toString(), out.toString(), "--prefix", "backup/data/");
        assertTrue(exported.err().contains("exported 4 files"), exported::toString);
        assertArrayEquals(big, Files.readAllBytes(out.resolve("backup/data/big.bin")));
        assertEquals("beta", Files.readString(out.resolve("backup/data/sub/deeper/b.txt")));
        assertEquals(0, Files.size(out.resolve("backup/data/empty")));
        Cli.Result exists = run("blobfs", "export", image.toString(), out.toString());
        assertEquals(2, exists.code());
        assertTrue(exists.err().contains("exists (use --force to overwrite)"), exists::toString);
        ok("blobfs", "export", image.toString(), out.toString(), "--force");
        assertEquals("replaced", Files.readString(out.resolve("backup/single.txt")));
    }

    @Test
    @DisplayName("import names what is wrong: a missing source, a missing image without --size, an image that exists, a bad size")
    void importErrors() throws Exception {
        Path image = dir.resolve("fs.img");
        Path file = dir.resolve("f");
        Files.writeString(file, "x");
        assertTrue(run("blobfs", "import", image.toString(), dir.resolve("nope").toString()).err().contains("import source"));
        assertTrue(run("blobfs", "import", image.toString(), file.toString()).err().contains("does not exist (give --size to create it)"));
        assertTrue(run("blobfs", "import", image.toString(), file.toString(), "--size", "huge").err().contains("--size huge is not a size"));
        assertTrue(run("blobfs", "import", image.toString(), file.toString(), "--size", "1000").err().contains("multiples of 4096"));
        Path notBlobfs = BlobstoreCommandsTest.gunzip("spdk-blobstore-basic.img.gz", dir);
        Cli.Result r = run("blobfs", "ls", notBlobfs.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("holds no BlobFS") && r.err().contains("TESTBS"), r::toString);
        assertTrue(run("blobfs", "import", notBlobfs.toString(), file.toString()).err().contains("holds no BlobFS"));
    }
}
