package io.github.blobds.compose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.Key;
import io.github.blobds.levelds.LeveldbOptions.Compression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code levelds} spec type (kubo's levelds plugin). */
class LeveldbSpecTest {

    @TempDir
    Path repo;

    @Test
    @DisplayName("Defaults: only path is required; absent compression is goleveldb's default, snappy; no BlobFS")
    void defaults() {
        DatastoreSpec spec = Specs.parse("{\"type\": \"levelds\", \"path\": \"datastore\"}");
        assertEquals(new LeveldbSpec("datastore", Compression.SNAPPY, Optional.empty()), spec);
        assertEquals("{\"path\":\"datastore\",\"type\":\"levelds\"}", spec.diskSpec().toString());
        assertEquals(spec, Specs.parse("{\"type\": \"levelds\", \"path\": \"datastore\", \"compression\": \"\"}"));
        assertEquals(spec, Specs.parse("{\"type\": \"levelds\", \"path\": \"datastore\", \"compression\": null}"));
        assertEquals(List.of("$.path: missing required field (a string)"), Specs.problems("{\"type\": \"levelds\"}"));
    }

    @Test
    @DisplayName("Full mapping: path, compression none or snappy, blobfs placement, and kubo's leftover prefix")
    void fullMapping() {
        DatastoreSpec spec = Specs.parse("""
                {"type": "levelds", "path": "ds", "compression": "none", "prefix": "leveldb.datastore",
                 "blobfs": {"image": "bfs.img", "size": "64MiB", "clusterSize": 65536, "mdPages": 512, "backend": "memory"}}""");
        assertEquals(new LeveldbSpec("ds", Compression.NONE,
                Optional.of(new BlobFsPlacement.Image("bfs.img", 64L << 20, 65536, 512, BlobFsPlacement.Backend.MEMORY))), spec);
        assertEquals("{\"blobfs\":{\"clusterSize\":65536,\"image\":\"bfs.img\"},\"path\":\"ds\",\"type\":\"levelds\"}", spec.diskSpec().toString());
        assertEquals(new LeveldbSpec("ds", Compression.SNAPPY), Specs.parse("{\"type\": \"levelds\", \"path\": \"ds\", \"compression\": \"snappy\"}"));
    }

    @Test
    @DisplayName("A compression kubo does not know is refused, with a suggestion")
    void compression() {
        assertEquals(List.of("$.compression: unrecognized value for compression: \"snapy\"; did you mean \"snappy\"? (expected \"none\" or"
                        + " \"snappy\"; \"\" or absent mean goleveldb's default, \"snappy\")"),
                Specs.problems("{\"type\": \"levelds\", \"path\": \"ds\", \"compression\": \"snapy\"}"));
        assertEquals(List.of("$.compression: expected a string (\"none\" or \"snappy\"), got a number (1)"),
                Specs.problems("{\"type\": \"levelds\", \"path\": \"ds\", \"compression\": 1}"));
    }

    @Test
    @DisplayName("Creates a LeveldbDatastore in the repo-relative directory, data surviving a reopen")
    void creates() {
        Composition c = Specs.COMPOSER.parse("{\"type\": \"levelds\", \"path\": \"datastore\", \"compression\": \"none\"}");
        try (Batching ds = c.create(repo)) {
            assertEquals("LeveldbDatastore", Specs.shape(Specs.root(ds)));
            ds.put(Key.of("/a"), new byte[] {7});
        }
        assertTrue(Files.isDirectory(repo.resolve("datastore")));
        try (Batching ds = c.create(repo)) {
            assertArrayEquals(new byte[] {7}, ds.get(Key.of("/a")));
        }
    }

    @Test
    @DisplayName("An absolute path is used as it is")
    void absolutePath(@TempDir Path elsewhere) {
        Path dir = elsewhere.resolve("db");
        try (Batching ds = Specs.COMPOSER.parse("{\"type\": \"levelds\", \"path\": \"" + dir + "\"}").create(repo)) {
            ds.put(Key.of("/a"), new byte[] {1});
        }
        assertTrue(Files.isDirectory(dir));
    }
}
