package io.github.blobds.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.compose.Composition;
import io.github.blobds.compose.KuboSpecs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** init, put, get, has, rm, ls and du on real repos in a temporary directory. */
class RepoCommandsTest {

    @TempDir
    Path dir;

    Cli cli;
    Path repo;

    @BeforeEach
    void setUp() {
        cli = new Cli(dir);
        repo = dir.resolve("repo");
    }

    private Cli.Result ok(String... args) {
        Cli.Result r = cli.run(args);
        assertEquals(0, r.code(), r::toString);
        return r;
    }

    private Cli.Result fails(int code, String... args) {
        Cli.Result r = cli.run(args);
        assertEquals(code, r.code(), r::toString);
        return r;
    }

    @Nested
    @DisplayName("init")
    class Init {

        @Test
        @DisplayName("kubo's profile writes blobds.json and kubo's datastore_spec byte for byte, and creates blocks/ and datastore/")
        void kubo() throws Exception {
            Cli.Result r = ok("init", "--profile", "kubo", repo.toString());
            assertTrue(r.out().contains("initialised a kubo repo in " + repo), r::toString);
            assertEquals(KuboSpecs.DEFAULT_DISK_SPEC, Files.readString(repo.resolve(Composition.SPEC_FILE)));
            assertEquals(KuboSpecs.DEFAULT, Files.readString(repo.resolve(Repo.SPEC_FILE)));
            assertTrue(Files.isDirectory(repo.resolve("blocks")));
            assertTrue(Files.isDirectory(repo.resolve("datastore")));
        }

        @Test
        @DisplayName("The default profile puts both datastores in one BlobFS image, blobfs.img, in the repo")
        void blobfsSim() throws Exception {
            ok("init", "--size", "64MiB", repo.toString());
            assertTrue(Files.isRegularFile(repo.resolve(Profile.IMAGE)));
            assertEquals(64L << 20, Files.size(repo.resolve(Profile.IMAGE)));
            assertTrue(Files.readString(repo.resolve(Composition.SPEC_FILE)).contains("\"blobfs\":{\"clusterSize\":262144,\"image\":\"blobfs.img\"}"));
            ok("put", "--repo", repo.toString(), "/blocks/CIQA", "block");
            assertEquals("block", ok("get", "--repo", repo.toString(), "/blocks/CIQA").out());
            Cli.Result fsck = ok("blobstore", "fsck", repo.resolve(Profile.IMAGE).toString());
            assertTrue(fsck.out().contains("consistent"), fsck::toString);
            Cli.Result ls = ok("blobfs", "ls", repo.resolve(Profile.IMAGE).toString());
            assertTrue(ls.out().contains("blocks/"), ls::toString);
        }

        @Test
        @DisplayName("An initialised repo, an unknown profile and a bad size are refused, naming them")
        void refusals() {
            ok("init", "-p", "kubo", repo.toString());
            assertTrue(fails(2, "init", repo.toString()).err().contains("repo " + repo + " is already initialised (it has blobds.json)"));
            assertTrue(fails(2, "init", "-p", "nvme", dir.resolve("x").toString()).err()
                    .contains("unknown profile \"nvme\" (profiles: kubo, kubo-measure, blobfs-sim, blobfs-spdk)"));
            Cli.Result bad = fails(2, "init", "--size", "lots", dir.resolve("y").toString());
            assertTrue(bad.err().contains("$.mounts[0].blobfs.size"), bad::toString);
            assertFalse(Files.exists(dir.resolve("y")));
        }

        @Test
        @DisplayName("blobfs-spdk fails clearly where SPDK is absent, and leaves nothing behind")
        void spdk() throws Exception {
            Cli.Result r = fails(2, "init", "--profile", "blobfs-spdk", repo.toString());
            assertTrue(r.err().contains("cannot create repo " + repo) && r.err().contains("\"spdk\" backend cannot run here"), r::toString);
            assertFalse(Files.exists(repo));
            Files.createDirectories(repo);
            fails(2, "init", "--profile", "blobfs-spdk", repo.toString());
            assertTrue(FileTrees.isAbsentOrEmpty(repo), "a directory that existed keeps only what it had");
        }

        @Test
        @DisplayName("--bdev puts blobfs-spdk on an SPDK bdev: only with that profile, its config copied in, nothing left behind on failure")
        void bdev() throws Exception {
            assertTrue(fails(2, "init", "--bdev", "Nvme0n1", repo.toString()).err()
                    .contains("--bdev puts the BlobFS of profile blobfs-spdk on an SPDK bdev; profile blobfs-sim has none"));
            assertTrue(fails(2, "init", "-p", "blobfs-spdk", "--bdev-config", "x.json", repo.toString()).err()
                    .contains("--bdev-config x.json needs --bdev"));
            Path missing = dir.resolve("missing.json");
            assertTrue(fails(2, "init", "-p", "blobfs-spdk", "--bdev", "Nvme0n1", "--bdev-config", missing.toString(), repo.toString()).err()
                    .contains("cannot read --bdev-config " + missing));
            Path config = Files.writeString(dir.resolve("nvme.json"), "{\"subsystems\": []}");
            Files.createDirectories(repo);
            Cli.Result r = fails(2, "init", "-p", "blobfs-spdk", "--bdev", "Nvme\"0n1", "--bdev-config", config.toString(), repo.toString());
            assertTrue(r.err().contains("cannot create repo " + repo) && r.err().contains("blobfs bdev \"Nvme\"0n1\": SPDK cannot run here"),
                    r::toString);
            assertTrue(FileTrees.isAbsentOrEmpty(repo), "spec, datastore_spec and the copied config are removed again");
            String spec = Profile.BLOBFS_SPDK.bdevSpec("Nvme\"0n1", true);
            assertTrue(spec.contains("{\"bdev\": \"Nvme\\\"0n1\", \"bdevConfig\": \"spdk-bdevs.json\", \"clusterSize\": 262144}"), spec);
        }

        @Test
        @DisplayName("Without REPO, init uses --repo, then $BLOBDS_REPO, then ~/.blobds")
        void defaults() {
            ok("init", "-p", "kubo");
            assertTrue(Files.exists(cli.home().resolve(".blobds/blobds.json")));
            Path fromEnv = dir.resolve("env-repo");
            cli.env(Repo.ENV, fromEnv.toString());
            ok("init", "-p", "kubo");
            assertTrue(Files.exists(fromEnv.resolve(Repo.SPEC_FILE)));
            Path fromOption = dir.resolve("option-repo");
            ok("init", "-p", "kubo", "--repo", fromOption.toString());
            assertTrue(Files.exists(fromOption.resolve(Repo.SPEC_FILE)));
            ok("put", "/k", "v");
            assertEquals("v", ok("get", "--repo", fromEnv.toString(), "/k").out());
        }
    }

    @Nested
    @DisplayName("key-value commands")
    class KeyValues {

        String r;

        @BeforeEach
        void init() {
            r = repo.toString();
            ok("init", "-p", "kubo", r);
        }

        @Test
        @DisplayName("put takes the value as an argument, from --file or from standard input; get writes raw bytes or --output")
        void putGet() throws Exception {
            ok("put", "-r", r, "/a", "hello");
            assertEquals("hello", ok("get", "-r", r, "/a").out());
            byte[] binary = {0, 1, 2, (byte) 0xff, 10};
            Path file = dir.resolve("value.bin");
            Files.write(file, binary);
            ok("put", "-r", r, "/blocks/CIQBIN", "--file", file.toString());
            assertArrayEquals(binary, ok("get", "-r", r, "/blocks/CIQBIN").outBytes());
            cli.stdin("from stdin".getBytes(StandardCharsets.UTF_8));
            ok("put", "-r", r, "local/stdin");
            Path out = dir.resolve("out.txt");
            ok("get", "-r", r, "/local/stdin", "-o", out.toString());
            assertEquals("from stdin", Files.readString(out));
        }

        @Test
        @DisplayName("has answers with its exit code; rm deletes, and a missing key is no error")
        void hasRm() {
            ok("put", "-r", r, "/a", "1");
            assertEquals("true\n", ok("has", "-r", r, "/a").out());
            ok("rm", "-r", r, "/a", "/never");
            Cli.Result absent = fails(1, "has", "-r", r, "/a");
            assertEquals("false\n", absent.out());
        }

        @Test
        @DisplayName("ls runs a query: prefix, orders, offset, limit, keys only")
        void ls() {
            ok("put", "-r", r, "/x/b", "22");
            ok("put", "-r", r, "/x/a", "333");
            ok("put", "-r", r, "/x/c", "1");
            ok("put", "-r", r, "/y", "4444");
            assertEquals("/x/a\t3\n/x/b\t2\n/x/c\t1\n", ok("ls", "-r", r, "--prefix", "/x", "--order", "key").out());
            assertEquals("/x/c\n/x/b\n", ok("ls", "-r", r, "--prefix", "/x", "--order", "key-desc", "--limit", "2", "-k").out());
            assertEquals("/x/b\n/x/c\n", ok("ls", "-r", r, "--prefix", "/x", "--order", "value-desc,key", "--offset", "1", "-k").out());
            assertEquals("/x/b\n", ok("ls", "-r", r, "--prefix", "/x", "--order", "value", "--offset", "1", "-n", "1", "-k").out());
            assertEquals(4, ok("ls", "-r", r).out().lines().count());
            assertTrue(fails(2, "ls", "-r", r, "--order", "size").err().contains("unknown order \"size\""));
            assertTrue(fails(2, "ls", "-r", r, "--limit", "-1").err().contains("--limit and --offset must not be negative"));
        }

        @Test
        @DisplayName("du prints the disk usage in bytes, -H also for people")
        void du() {
            ok("put", "-r", r, "/blocks/CIQA", "x".repeat(5000));
            long bytes = Long.parseLong(ok("du", "-r", r).out().strip());
            assertTrue(bytes > 0, "disk usage " + bytes);
            assertTrue(ok("du", "-r", r, "-H").out().matches("\\d+\t[0-9.]+ (B|KiB|MiB)\n"));
        }

        @Test
        @DisplayName("Errors name the bad input: missing key, unreadable file, both value and file, unwritable output")
        void errors() {
            Cli.Result missing = fails(2, "get", "-r", r, "/nope");
            assertTrue(missing.err().startsWith("blobds get: ") && missing.err().contains("/nope"), missing::toString);
            assertFalse(missing.err().contains("\tat "), "no stack trace without --verbose");
            assertTrue(fails(2, "get", "-r", r, "/nope", "--verbose").err().contains("\tat "), "--verbose prints the stack trace");
            assertTrue(fails(2, "put", "-r", r, "/a", "--file", dir.resolve("absent").toString()).err()
                    .contains("cannot read value file " + dir.resolve("absent")));
            assertTrue(fails(2, "put", "-r", r, "/a", "v", "--file", "f").err().contains("not both"));
            ok("put", "-r", r, "/a", "v");
            assertTrue(fails(2, "get", "-r", r, "/a", "-o", dir.resolve("no/such/dir/f").toString()).err()
                    .contains("cannot write output file " + dir.resolve("no/such/dir/f")));
            Cli.Result badKey = fails(2, "put", "-r", r, "/blocks/lower-case", "v");
            assertTrue(badKey.err().contains("lower-case"), badKey::toString);
        }
    }

    @Nested
    @DisplayName("repos")
    class Repos {

        @Test
        @DisplayName("A missing or uninitialised repo is named, with the command that creates it")
        void notARepo() throws Exception {
            Cli.Result absent = fails(2, "ls", "--repo", repo.toString());
            assertTrue(absent.err().contains("repo " + repo + " does not exist: create it with blobds init " + repo), absent::toString);
            Files.createDirectories(repo);
            assertTrue(fails(2, "ls", "--repo", repo.toString()).err().contains("is not initialised: it has no blobds.json and no kubo config"));
        }

        @Test
        @DisplayName("A kubo repo opens through the Datastore.Spec of its config file")
        void kuboConfig() throws Exception {
            Files.createDirectories(repo);
            Files.writeString(repo.resolve("config"), "{\"Identity\": {}, \"Datastore\": {\"StorageMax\": \"10GB\", \"Spec\": "
                    + KuboSpecs.DEFAULT + "}}");
            ok("put", "-r", repo.toString(), "/blocks/CIQKUBO", "block");
            assertEquals(KuboSpecs.DEFAULT_DISK_SPEC, Files.readString(repo.resolve(Composition.SPEC_FILE)));
            assertTrue(Files.exists(repo.resolve("blocks/UB/CIQKUBO.data")));
        }

        @Test
        @DisplayName("A repo whose datastore_spec differs from its spec is refused, saying what differs")
        void mismatch() throws Exception {
            ok("init", "-p", "kubo", repo.toString());
            Files.writeString(repo.resolve(Repo.SPEC_FILE), KuboSpecs.DEFAULT.replace("next-to-last/2", "next-to-last/3"));
            Cli.Result r = fails(2, "ls", "-r", repo.toString());
            assertTrue(r.err().contains("$.mounts[0].shardFunc"), r::toString);
        }

        @Test
        @DisplayName("A bad spec lists all its problems")
        void badSpec() throws Exception {
            Files.createDirectories(repo);
            Files.writeString(repo.resolve(Repo.SPEC_FILE), "{\"type\": \"mount\", \"mounts\": [{\"mountpoint\": \"/\", \"type\": \"leveldb\"},"
                    + " {\"mountpoint\": \"/x\", \"type\": \"mem\", \"extra\": 1}]}");
            Cli.Result r = fails(2, "ls", "-r", repo.toString());
            assertTrue(r.err().contains("2 problems") || r.err().contains("problems"), r::toString);
            assertTrue(r.err().contains("did you mean \"levelds\"") && r.err().contains("extra"), r::toString);
        }
    }

    @Test
    @DisplayName("Usage: help and version exit 0; a missing or unknown command or option exits 2 with the usage")
    void usage() {
        assertTrue(ok("--help").out().contains("conformance"));
        assertTrue(ok("--version").out().startsWith("blobds "));
        assertTrue(ok("help", "ls").out().contains("--keys-only"));
        assertTrue(fails(2).err().contains("missing command"));
        Cli.Result unknown = fails(2, "frobnicate");
        assertTrue(unknown.err().contains("Unmatched argument") && unknown.err().contains("Usage:"), unknown::toString);
        assertTrue(fails(2, "ls", "--bogus").err().contains("Unknown option: '--bogus'"));
        assertTrue(fails(2, "blobstore").err().contains("inspect"));
        assertTrue(fails(2, "blobfs").err().contains("import"));
    }
}
