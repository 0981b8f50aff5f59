package io.github.blobds.compose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.DatastoreException;
import io.github.blobds.datastore.Key;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubo's datastore_spec check (repo/fsrepo/fsrepo.go initSpec and openDatastore). */
class DatastoreSpecFileTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("The first open writes kubo's DiskSpec byte for byte (mode 0600), later opens accept it, whitespace around it too")
    void writesThenAccepts() throws Exception {
        Path repo = dir.resolve("repo");
        Composition c = Specs.COMPOSER.parse(KuboSpecs.DEFAULT);
        try (Batching ds = c.open(repo)) {
            ds.put(Key.of("/blocks/CIQA"), new byte[] {1});
            ds.put(Key.of("/local/pins"), new byte[] {2});
        }
        Path file = repo.resolve(Composition.SPEC_FILE);
        assertArrayEquals(KuboSpecs.DEFAULT_DISK_SPEC.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Files.writeString(file, "  " + KuboSpecs.DEFAULT_DISK_SPEC + "\n");
        try (Batching ds = Specs.COMPOSER.parse(KuboSpecs.MEASURE).open(repo)) {
            assertArrayEquals(new byte[] {1}, ds.get(Key.of("/blocks/CIQA")));
            assertArrayEquals(new byte[] {2}, ds.get(Key.of("/local/pins")));
        }
    }

    @Test
    @DisplayName("A runtime option (flatfs sync, levelds compression) keeps the repo compatible, as in kubo")
    void runtimeOptions() {
        Path repo = dir.resolve("repo");
        Specs.COMPOSER.parse(KuboSpecs.DEFAULT).open(repo).close();
        String changed = KuboSpecs.DEFAULT.replace("\"sync\": false", "\"sync\": true").replace("\"compression\": \"none\"", "\"compression\": \"snappy\"");
        Specs.COMPOSER.parse(changed).open(repo).close();
    }

    @Test
    @DisplayName("A different disk spec refuses to open, giving both values and each difference with its path")
    void mismatch() {
        Path repo = dir.resolve("repo");
        Specs.COMPOSER.parse(KuboSpecs.DEFAULT).open(repo).close();
        String changed = KuboSpecs.DEFAULT.replace("next-to-last/2", "prefix/3").replace("\"path\": \"datastore\"", "\"path\": \"leveldb\"");
        Composition c = Specs.COMPOSER.parse(changed);
        SpecMismatchException e = assertThrows(SpecMismatchException.class, () -> c.open(repo));
        assertEquals(KuboSpecs.DEFAULT_DISK_SPEC, e.onDisk());
        assertEquals(c.diskSpec().toString(), e.fromSpec());
        assertEquals(repo.resolve("datastore_spec"), e.specFile());
        assertEquals(List.of(
                "$.mounts[0].shardFunc: \"/repo/flatfs/shard/v1/next-to-last/2\" on disk, \"/repo/flatfs/shard/v1/prefix/3\" in the spec",
                "$.mounts[1].path: \"datastore\" on disk, \"leveldb\" in the spec"), e.differences());
        assertTrue(e.getMessage().contains("'" + KuboSpecs.DEFAULT_DISK_SPEC + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("'" + c.diskSpec() + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("$.mounts[1].path: \"datastore\" on disk, \"leveldb\" in the spec"), e.getMessage());
        assertFalse(Files.exists(repo.resolve("leveldb")), "nothing is created after a mismatch");
    }

    @Test
    @DisplayName("Added, removed and retyped parts are differences too; a file that is not JSON is shown as it is")
    void otherDifferences() throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo);
        Path file = repo.resolve("datastore_spec");
        Composition c = Specs.COMPOSER.parse("{\"type\": \"mount\", \"mounts\": [{\"mountpoint\": \"/\", \"type\": \"levelds\", \"path\": \"ds\","
                + " \"blobfs\": {\"image\": \"i\", \"size\": 4096}}]}");
        Files.writeString(file, "{\"mounts\":[{\"mountpoint\":\"/\",\"path\":\"ds\",\"type\":\"levelds\"},{\"mountpoint\":\"/x\"}],\"type\":5}");
        assertEquals(List.of("$.mounts[0].blobfs: absent on disk, {\"clusterSize\":1048576,\"image\":\"i\"} in the spec",
                        "$.mounts[1]: {\"mountpoint\":\"/x\"} on disk, absent in the spec",
                        "$.type: 5 on disk, \"mount\" in the spec"),
                assertThrows(SpecMismatchException.class, () -> c.open(repo)).differences());
        Files.writeString(file, "not json");
        SpecMismatchException e = assertThrows(SpecMismatchException.class, () -> c.open(repo));
        assertEquals(List.of(), e.differences());
        assertTrue(e.getMessage().contains("'not json'"), e.getMessage());
    }

    @Test
    @DisplayName("create() skips the check, as kubo's DatastoreConfig.Create; an unreadable datastore_spec fails open, naming it")
    void createSkipsCheck() throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve("datastore_spec"));
        Specs.COMPOSER.parse("{\"type\": \"mem\"}").create(repo).close();
        DatastoreException e = assertThrows(DatastoreException.class, () -> Specs.COMPOSER.parse("{\"type\": \"mem\"}").open(repo));
        assertTrue(e.getMessage().contains("datastore_spec"), e.getMessage());
    }

    @Test
    @DisplayName("The mem type's disk spec is written as null")
    void memNull() throws Exception {
        Path repo = dir.resolve("repo");
        Specs.COMPOSER.parse("{\"type\": \"mem\"}").open(repo).close();
        assertEquals("null", Files.readString(repo.resolve("datastore_spec")));
        Specs.COMPOSER.parse("{\"type\": \"log\", \"name\": \"x\", \"child\": {\"type\": \"mem\"}}").open(repo).close();
    }
}
