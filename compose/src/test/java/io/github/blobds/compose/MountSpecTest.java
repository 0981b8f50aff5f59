package io.github.blobds.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.InvalidArgumentException;
import io.github.blobds.datastore.Key;
import io.github.blobds.mount.NoMountException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code mount} spec type (kubo's MountDatastoreConfig). */
class MountSpecTest {

    @TempDir
    Path repo;

    @Test
    @DisplayName("Defaults: mounts is required; an empty list is a mount of nothing, as in kubo")
    void defaults() {
        assertEquals(List.of("$.mounts: missing required field (an array of objects (mount))"), Specs.problems("{\"type\": \"mount\"}"));
        DatastoreSpec spec = Specs.parse("{\"type\": \"mount\", \"mounts\": []}");
        assertEquals(new MountSpec(List.of()), spec);
        assertEquals("{\"mounts\":[],\"type\":\"mount\"}", spec.diskSpec().toString());
        try (Batching ds = Specs.COMPOSER.parse("{\"type\": \"mount\", \"mounts\": []}").create(repo)) {
            assertThrows(NoMountException.class, () -> ds.put(Key.of("/a"), new byte[0]));
        }
    }

    @Test
    @DisplayName("Full mapping: mountpoints cleaned by Key.of, mounts sorted by prefix string descending, mem children as {}")
    void fullMapping() {
        DatastoreSpec spec = Specs.parse("""
                {"type": "mount", "mounts": [
                  {"mountpoint": "", "type": "mem"},
                  {"mountpoint": "a/b/../c/", "type": "log", "name": "c", "child": {"type": "mem"}},
                  {"mountpoint": "/blocks", "type": "levelds", "path": "blocks", "prefix": "leftover"},
                  {"mountpoint": "/a", "type": "mem"}
                ]}""");
        assertEquals(MountSpec.of(
                new MountSpec.Entry(Key.of("/blocks"), new LeveldbSpec("blocks", io.github.blobds.levelds.LeveldbOptions.Compression.SNAPPY)),
                new MountSpec.Entry(Key.of("/a/c"), new LogSpec("c", new MemSpec())),
                new MountSpec.Entry(Key.of("/a"), new MemSpec()),
                new MountSpec.Entry(Key.ROOT, new MemSpec())), spec);
        assertEquals(List.of(Key.of("/blocks"), Key.of("/a/c"), Key.of("/a"), Key.ROOT),
                ((MountSpec) spec).mounts().stream().map(MountSpec.Entry::mountpoint).toList());
        assertEquals("{\"mounts\":[{\"mountpoint\":\"/blocks\",\"path\":\"blocks\",\"type\":\"levelds\"},{\"mountpoint\":\"/a/c\"},"
                + "{\"mountpoint\":\"/a\"},{\"mountpoint\":\"/\"}],\"type\":\"mount\"}", spec.diskSpec().toString());
    }

    @Test
    @DisplayName("Every mount problem is reported: not an array, not objects, no mountpoint, duplicates, unknown fields")
    void problems() {
        assertEquals(List.of("$.mounts: expected an array of objects (mount), got an object"),
                Specs.problems("{\"type\": \"mount\", \"mounts\": {}}"));
        assertEquals(List.of(
                        "$.mounts[0]: expected an object (mount), got a string (\"mem\")",
                        "$.mounts[1].mountpoint: missing required field (a string)",
                        "$.mounts[2].mountpoint: expected a string, got a number (1)",
                        "$.mounts[4].mountpoint: mountpoint /x is also used by $.mounts[3]",
                        "$.mounts[5].mountPoint: unknown field of mem mount; did you mean \"mountpoint\"? (known fields: \"mountpoint\", \"type\")",
                        "$.mounts[5].mountpoint: missing required field (a string)"),
                Specs.problems("""
                        {"type": "mount", "mounts": [
                          "mem",
                          {"type": "mem"},
                          {"type": "mem", "mountpoint": 1},
                          {"type": "mem", "mountpoint": "/x"},
                          {"type": "mem", "mountpoint": "/x/"},
                          {"type": "mem", "mountPoint": "/y"}
                        ]}"""));
    }

    @Test
    @DisplayName("The record refuses two mounts at one mountpoint and null parts")
    void record() {
        assertThrows(InvalidArgumentException.class, () -> MountSpec.of(new MountSpec.Entry(Key.ROOT, new MemSpec()),
                new MountSpec.Entry(Key.of("/"), new MemSpec())));
        assertThrows(InvalidArgumentException.class, () -> new MountSpec.Entry(null, new MemSpec()));
        assertThrows(InvalidArgumentException.class, () -> new MountSpec.Entry(Key.ROOT, null));
        assertThrows(InvalidArgumentException.class, () -> new MountSpec(null));
    }

    @Test
    @DisplayName("Creates a MountDatastore routing each key to its mount")
    void creates() {
        try (Batching ds = Specs.COMPOSER.parse("""
                {"type": "mount", "mounts": [
                  {"mountpoint": "/", "type": "mem"},
                  {"mountpoint": "/logged", "type": "log", "name": "l", "child": {"type": "mem"}}
                ]}""").create(repo)) {
            assertEquals("MountDatastore[/logged=l(SynchronizedDatastore(MapDatastore)), /=SynchronizedDatastore(MapDatastore)]",
                    Specs.shape(Specs.root(ds)));
            ds.put(Key.of("/logged/a"), new byte[] {1});
            ds.put(Key.of("/b"), new byte[] {2});
            io.github.blobds.mount.MountDatastore mount = (io.github.blobds.mount.MountDatastore) Specs.root(ds);
            assertEquals(true, mount.mounts().get(0).datastore().has(Key.of("/a")));
            assertEquals(true, mount.mounts().get(1).datastore().has(Key.of("/b")));
        }
    }
}
