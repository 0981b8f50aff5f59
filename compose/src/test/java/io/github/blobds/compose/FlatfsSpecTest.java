package io.github.blobds.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.InvalidArgumentException;
import io.github.blobds.datastore.Key;
import io.github.blobds.flatfs.ShardFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code flatfs} spec type (kubo's flatfs plugin). */
class FlatfsSpecTest {

    @TempDir
    Path repo;

    @Test
    @DisplayName("Defaults: path, shardFunc and sync are all required, as in kubo; no BlobFS")
    void defaults() {
        assertEquals(List.of("$.path: missing required field (a string)", "$.shardFunc: missing required field (a string)",
                "$.sync: missing required field (a boolean)"), Specs.problems("{\"type\": \"flatfs\"}"));
        DatastoreSpec spec = Specs.parse("{\"type\": \"flatfs\", \"path\": \"blocks\", \"shardFunc\": \"/repo/flatfs/shard/v1/next-to-last/2\","
                + " \"sync\": false}");
        assertEquals(new FlatfsSpec("blocks", ShardFunction.DEFAULT, false, Optional.empty()), spec);
        assertEquals("{\"path\":\"blocks\",\"shardFunc\":\"/repo/flatfs/shard/v1/next-to-last/2\",\"type\":\"flatfs\"}", spec.diskSpec().toString());
    }

    @Test
    @DisplayName("Full mapping: the shard function in canonical form, sync, blobfs placement, kubo's leftover prefix")
    void fullMapping() {
        DatastoreSpec spec = Specs.parse("""
                {"type": "flatfs", "path": "/abs/blocks", "shardFunc": "  /repo/flatfs/shard/v1/prefix/03 ", "sync": true,
                 "prefix": "flatfs.datastore", "blobfs": {"image": "b.img", "size": 1048576, "clusterSize": 65536}}""");
        assertEquals(new FlatfsSpec("/abs/blocks", ShardFunction.prefix(3), true, Optional.of(new BlobFsPlacement.Image("b.img", 1 << 20, 65536, -1,
                BlobFsPlacement.Backend.SIM))), spec);
        assertEquals("{\"blobfs\":{\"clusterSize\":65536,\"image\":\"b.img\"},\"path\":\"/abs/blocks\","
                + "\"shardFunc\":\"/repo/flatfs/shard/v1/prefix/3\",\"type\":\"flatfs\"}", spec.diskSpec().toString());
        assertEquals(new FlatfsSpec("b", ShardFunction.suffix(1), false),
                Specs.parse("{\"type\": \"flatfs\", \"path\": \"b\", \"shardFunc\": \"/repo/flatfs/shard/v1/suffix/1\", \"sync\": false}"));
    }

    @Test
    @DisplayName("A shard function go-ds-flatfs would not parse is refused with its message; wrong JSON types too")
    void problems() {
        assertEquals(List.of("$.shardFunc: expected 'v1' for version string got: v2 (shard functions look like"
                        + " \"/repo/flatfs/shard/v1/next-to-last/2\")"),
                Specs.problems("{\"type\": \"flatfs\", \"path\": \"b\", \"shardFunc\": \"/repo/flatfs/shard/v2/prefix/2\", \"sync\": false}"));
        assertEquals(List.of("$.path: expected a string, got a boolean (true)", "$.shardFunc: expected a string, got a number (2)",
                        "$.sync: expected a boolean, got a string (\"yes\")"),
                Specs.problems("{\"type\": \"flatfs\", \"path\": true, \"shardFunc\": 2, \"sync\": \"yes\"}"));
    }

    @Test
    @DisplayName("The record refuses missing parts")
    void record() {
        assertThrows(InvalidArgumentException.class, () -> new FlatfsSpec(null, ShardFunction.DEFAULT, false));
        assertThrows(InvalidArgumentException.class, () -> new FlatfsSpec("b", null, false));
        assertThrows(InvalidArgumentException.class, () -> new FlatfsSpec("b", ShardFunction.DEFAULT, false, null));
    }

    @Test
    @DisplayName("Creates (or opens) a FlatfsDatastore in the repo-relative directory, with its SHARDING file")
    void creates() throws Exception {
        Composition c = Specs.COMPOSER.parse("{\"type\": \"flatfs\", \"path\": \"blocks\", \"shardFunc\": \"/repo/flatfs/shard/v1/prefix/2\","
                + " \"sync\": true}");
        try (Batching ds = c.create(repo)) {
            assertEquals("FlatfsDatastore", Specs.shape(Specs.root(ds)));
            ds.put(Key.of("/QUUX"), new byte[] {1});
        }
        assertEquals("/repo/flatfs/shard/v1/prefix/2\n", Files.readString(repo.resolve("blocks/SHARDING")));
        assertEquals(true, Files.exists(repo.resolve("blocks/QU/QUUX.data")));
        try (Batching ds = c.create(repo)) {
            assertEquals(1, ds.getSize(Key.of("/QUUX")));
        }
    }
}
