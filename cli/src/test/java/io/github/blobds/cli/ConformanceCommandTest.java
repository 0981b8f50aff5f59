package io.github.blobds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** conformance: go-datastore's suite through the JUnit Platform launcher, on scratch copies of a repo's tree. */
class ConformanceCommandTest {

    @TempDir
    Path dir;

    Path fast;
    Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        fast = Cli.fastDirectory(dir);
        cli = new Cli(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        FileTrees.delete(fast);
    }

    private Path repoWithSpec(String name, String spec) throws Exception {
        Path repo = dir.resolve(name);
        Files.createDirectories(repo);
        Files.writeString(repo.resolve(Repo.SPEC_FILE), spec);
        return repo;
    }

    @Test
    @DisplayName("The default run initialises a blobfs-sim repo and passes on flatfs, levelds and the whole tree, each on BlobFS")
    void defaultProfile() {
        Path scratch = fast.resolve("scratch");
        Cli.Result r = cli.run("conformance", "--model-examples", "2", "--seed", "42", "--scratch", scratch.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("initialised a fresh blobfs-sim repo"), r::toString);
        assertTrue(r.err().contains("SubtestCombinations: ok (1151 passed, 0 failed)"), r::toString);
        assertTrue(r.out().contains("flatfs at /blocks (BlobFS blobfs.img, sim)  1166 tests:  1166 passed, 0 failed, 0 skipped"), r::toString);
        assertTrue(r.out().contains("levelds at / (BlobFS blobfs.img, sim)"), r::toString);
        assertTrue(r.out().contains("whole tree"), r::toString);
        assertTrue(r.out().contains("all 3 datastores passed: 0 failures"), r::toString);
        assertTrue(FileTrees.isAbsentOrEmptyUnchecked(scratch), "scratch repos are deleted after the run");
        assertEquals(null, System.getProperty("blobds.seed"), "the seed property is restored");
    }

    @Test
    @DisplayName("A repo's spec is tested on scratch copies: its own data is not opened, and the copies are kept with --keep")
    void explicitRepo() throws Exception {
        Path repo = repoWithSpec("mem", """
                {"type": "mount", "mounts": [
                  {"mountpoint": "/a", "type": "measure", "prefix": "a.mem", "child": {"type": "mem"}},
                  {"mountpoint": "/", "type": "log", "name": "root", "child": {"type": "mem"}}]}""");
        Path scratch = fast.resolve("kept");
        Cli.Result r = cli.run("conformance", repo.toString(), "--model-examples", "1", "--scratch", scratch.toString(), "--keep");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("measure/mem at /a") && r.out().contains("log/mem at /") && r.out().contains("whole tree"), r::toString);
        assertTrue(r.out().contains("all 3 datastores passed"), r::toString);
        assertFalse(Files.exists(repo.resolve("datastore_spec")), "the repo itself is not opened");
        assertTrue(Files.isDirectory(scratch), r::toString);
        assertTrue(r.err().contains("scratch repos kept in " + scratch), r::toString);
    }

    @Test
    @DisplayName("A datastore failing the suite is reported with its failures, and the run exits 1")
    void failures() throws Exception {
        // flatfs mounted at / takes none of the suite's lower-case keys: the whole tree fails, as go-ds-flatfs would
        Path repo = repoWithSpec("flatfs-root", """
                {"type": "mount", "mounts": [
                  {"mountpoint": "/", "type": "flatfs", "path": "blocks", "shardFunc": "/repo/flatfs/shard/v1/next-to-last/2", "sync": false,
                   "blobfs": {"image": "ram", "size": "64MiB", "clusterSize": 65536, "backend": "memory"}}]}""");
        Cli.Result r = cli.run("conformance", repo.toString(), "--model-examples", "1", "--seed", "7");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.out().contains("flatfs at / (BlobFS ram, memory)") && r.out().contains("0 failed"), r::toString);
        assertTrue(r.out().matches("(?s).*whole tree +1166 tests: +\\d+ passed, [1-9]\\d* failed.*"), r::toString);
        assertTrue(r.out().contains("failures in 1 of 2 datastores"), r::toString);
        assertTrue(r.err().contains("FAILED"), r::toString);
    }

    @Test
    @DisplayName("A datastore that cannot be created fails its run with the reason: an SPDK placement where SPDK is absent")
    void uncreatable() throws Exception {
        Path repo = repoWithSpec("spdk", """
                {"type": "levelds", "path": "datastore", "blobfs": {"image": "nvme0n1", "size": "1GiB", "backend": "spdk"}}""");
        Cli.Result r = cli.run("conformance", repo.toString(), "--model-examples", "1");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.out().contains("\"spdk\" backend cannot run here"), r::toString);
        assertFalse(r.out().contains("whole tree"), "a single leaf is not run twice");
    }

    @Test
    @DisplayName("Bad options and targets are refused before anything runs")
    void refusals() throws Exception {
        Path full = fast.resolve("full");
        Files.createDirectories(full);
        Files.writeString(full.resolve("precious"), "data");
        Cli.Result r = cli.run("conformance", "--scratch", full.toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("scratch directory " + full + " is not empty"), r::toString);
        assertEquals("data", Files.readString(full.resolve("precious")));
        assertTrue(cli.run("conformance", "--elem-count", "10").err().contains("--elem-count must be at least 20"));
        assertTrue(cli.run("conformance", "--image-size", "big").err().contains("--image-size big is not a size"));
        assertTrue(cli.run("conformance", dir.resolve("none").toString()).err().contains("does not exist"));
        assertTrue(cli.run("conformance", "-p", "zfs").err().contains("unknown profile \"zfs\""));
    }
}
