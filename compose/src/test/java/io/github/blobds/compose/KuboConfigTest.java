package io.github.blobds.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.Key;
import io.github.blobds.flatfs.FlatfsDatastore;
import io.github.blobds.flatfs.ShardFunction;
import io.github.blobds.levelds.LeveldbDatastore;
import io.github.blobds.levelds.LeveldbOptions.Compression;
import io.github.blobds.mount.MountDatastore;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubo's repo/fsrepo/config_test.go (kubo 867cdc5d8), ported: the same JSON, the same expected disk
 * specs, and the same datastore types; then kubo's current default spec and its older measure-wrapped
 * one (config/init.go flatfsSpec and flatfsSpecMeasure).
 */
class KuboConfigTest {

    // config_test.go defaultConfig: "to test sorting of the mountpoints in the disk spec they are specified out of order".
    private static final String DEFAULT_CONFIG = """
            {
                "StorageMax": "10GB",
                "StorageGCWatermark": 90,
                "GCPeriod": "1h",
                "Spec": {
                  "mounts": [
                    {
                      "child": {
                        "compression": "none",
                        "path": "datastore",
                        "type": "levelds"
                      },
                      "mountpoint": "/",
                      "prefix": "leveldb.datastore",
                      "type": "measure"
                    },
                    {
                      "child": {
                        "path": "blocks",
                        "shardFunc": "/repo/flatfs/shard/v1/next-to-last/2",
                        "sync": true,
                        "type": "flatfs"
                      },
                      "mountpoint": "/blocks",
                      "prefix": "flatfs.datastore",
                      "type": "measure"
                    }
                  ],
                  "type": "mount"
                },
                "HashOnRead": false,
                "BloomFilterSize": 0
            }""";

    private static final String LEVELDB_CONFIG = """
            {
                        "compression": "none",
                        "path": "datastore",
                        "type": "levelds"
            }""";

    private static final String FLATFS_CONFIG = """
            {
                        "path": "blocks",
                        "shardFunc": "/repo/flatfs/shard/v1/next-to-last/2",
                        "sync": true,
                        "type": "flatfs"
            }""";

    private static final String MEASURE_CONFIG = """
            {
                      "child": {
                        "path": "blocks",
                        "shardFunc": "/repo/flatfs/shard/v1/next-to-last/2",
                        "sync": true,
                        "type": "flatfs"
                      },
                      "mountpoint": "/blocks",
                      "prefix": "flatfs.datastore",
                      "type": "measure"
            }""";

    @TempDir
    Path dir;

    // kubo repo/fsrepo/config_test.go TestDefaultDatastoreConfig
    @Test
    @DisplayName("TestDefaultDatastoreConfig: mounts out of order give kubo's sorted DiskSpec, and a mount datastore")
    void defaultDatastoreConfig() throws Exception {
        JsonNode spec = new ObjectMapper().readTree(DEFAULT_CONFIG).get("Spec");
        Composition dsc = Specs.COMPOSER.parse(spec);
        String expected = "{\"mounts\":[{\"mountpoint\":\"/blocks\",\"path\":\"blocks\",\"shardFunc\":\"/repo/flatfs/shard/v1/next-to-last/2\","
                + "\"type\":\"flatfs\"},{\"mountpoint\":\"/\",\"path\":\"datastore\",\"type\":\"levelds\"}],\"type\":\"mount\"}";
        assertEquals(expected, dsc.diskSpec().toString());
        try (Batching ds = dsc.create(dir)) {
            assertInstanceOf(MountDatastore.class, Specs.root(ds));
        }
    }

    // kubo repo/fsrepo/config_test.go TestLevelDbConfig
    @Test
    @DisplayName("TestLevelDbConfig: {\"path\":\"datastore\",\"type\":\"levelds\"}, a leveldb datastore")
    void levelDbConfig() {
        Composition dsc = Specs.COMPOSER.parse(LEVELDB_CONFIG);
        assertEquals("{\"path\":\"datastore\",\"type\":\"levelds\"}", dsc.diskSpec().toString());
        try (Batching ds = dsc.create(dir)) {
            assertInstanceOf(LeveldbDatastore.class, Specs.root(ds));
        }
    }

    // kubo repo/fsrepo/config_test.go TestFlatfsConfig
    @Test
    @DisplayName("TestFlatfsConfig: {\"path\":\"blocks\",\"shardFunc\":…,\"type\":\"flatfs\"}, a flatfs datastore")
    void flatfsConfig() {
        Composition dsc = Specs.COMPOSER.parse(FLATFS_CONFIG);
        assertEquals("{\"path\":\"blocks\",\"shardFunc\":\"/repo/flatfs/shard/v1/next-to-last/2\",\"type\":\"flatfs\"}", dsc.diskSpec().toString());
        try (Batching ds = dsc.create(dir)) {
            assertInstanceOf(FlatfsDatastore.class, Specs.root(ds));
        }
    }

    // kubo repo/fsrepo/config_test.go TestMeasureConfig
    @Test
    @DisplayName("TestMeasureConfig: the disk spec of its flatfs child, a measure datastore (once the stray mountpoint is gone)")
    void measureConfig() {
        // Deviation: kubo's test spec carries a "mountpoint" outside any mount, which kubo ignores; blobds reports it.
        assertEquals(java.util.List.of("$.mountpoint: unknown field of measure (known fields: \"child\", \"prefix\", \"type\")"),
                Specs.problems(MEASURE_CONFIG));
        Composition dsc = Specs.COMPOSER.parse(MEASURE_CONFIG.replace("\"mountpoint\": \"/blocks\",", ""));
        assertEquals("{\"path\":\"blocks\",\"shardFunc\":\"/repo/flatfs/shard/v1/next-to-last/2\",\"type\":\"flatfs\"}", dsc.diskSpec().toString());
        try (Batching ds = dsc.create(dir)) {
            assertEquals("MeasureDatastore(FlatfsDatastore)", Specs.shape(Specs.root(ds)));
        }
    }

    @Test
    @DisplayName("kubo's current default spec: flatfs at /blocks and levelds at /, leftover prefixes ignored")
    void currentDefault() {
        Composition c = Specs.COMPOSER.parse(KuboSpecs.DEFAULT);
        assertEquals(MountSpec.of(
                new MountSpec.Entry(Key.of("/blocks"), new FlatfsSpec("blocks", ShardFunction.nextToLast(2), false)),
                new MountSpec.Entry(Key.ROOT, new LeveldbSpec("datastore", Compression.NONE))), c.spec());
        assertEquals(KuboSpecs.DEFAULT_DISK_SPEC, c.diskSpec().toString());
        try (Batching ds = c.create(dir)) {
            assertEquals("MountDatastore[/blocks=FlatfsDatastore, /=LeveldbDatastore]", Specs.shape(Specs.root(ds)));
        }
    }

    @Test
    @DisplayName("kubo's measure-wrapped spec (flatfs-measure, the default before v0.35): measure nodes, the identical disk spec")
    void measureWrappedDefault() {
        Composition c = Specs.COMPOSER.parse(KuboSpecs.MEASURE);
        assertEquals(MountSpec.of(
                new MountSpec.Entry(Key.of("/blocks"), new MeasureSpec("flatfs.datastore", new FlatfsSpec("blocks", ShardFunction.nextToLast(2), false))),
                new MountSpec.Entry(Key.ROOT, new MeasureSpec("leveldb.datastore", new LeveldbSpec("datastore", Compression.NONE)))), c.spec());
        assertEquals(KuboSpecs.DEFAULT_DISK_SPEC, c.diskSpec().toString());
        try (Batching ds = c.create(dir)) {
            assertEquals("MountDatastore[/blocks=MeasureDatastore(FlatfsDatastore), /=MeasureDatastore(LeveldbDatastore)]", Specs.shape(Specs.root(ds)));
        }
    }

    @Test
    @DisplayName("The composed kubo tree is Batching and stores blocks and other keys where kubo does")
    void storesWhereKuboDoes() throws Exception {
        try (Batching ds = Specs.COMPOSER.parse(KuboSpecs.DEFAULT).open(dir)) {
            var batch = ds.batch();
            batch.put(Key.of("/blocks/CIQAAAA"), new byte[] {1});
            batch.put(Key.of("/pins/x"), new byte[] {2});
            batch.commit();
        }
        assertEquals(true, java.nio.file.Files.exists(dir.resolve("blocks/AA/CIQAAAA.data")));
        assertEquals(true, java.nio.file.Files.exists(dir.resolve("blocks/SHARDING")));
        assertEquals(true, java.nio.file.Files.exists(dir.resolve("datastore/CURRENT")));
    }

    @Test
    @DisplayName("The composed kubo tree is safe for concurrent use, as kubo's repo.Datastore must be")
    void concurrent() throws Exception {
        try (Batching ds = Specs.COMPOSER.parse(KuboSpecs.DEFAULT).open(dir)) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int thread = t;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < 100; i++) {
                            ds.put(Key.of("/blocks/CIQ" + thread + "X" + i), new byte[] {(byte) i});
                            ds.put(Key.of("/other/" + thread + "/" + i), new byte[] {(byte) i});
                            ds.get(Key.of("/blocks/CIQ" + thread + "X" + i));
                        }
                    }));
                }
                for (java.util.concurrent.Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            try (var r = ds.query(io.github.blobds.datastore.query.Query.builder().keysOnly(true).build())) {
                assertEquals(800, r.stream().count());
            }
        }
    }
}
