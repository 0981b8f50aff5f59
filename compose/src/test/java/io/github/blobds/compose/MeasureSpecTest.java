package io.github.blobds.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.Key;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code measure} spec type (kubo's MeasureDatastoreConfig). */
class MeasureSpecTest {

    @TempDir
    Path repo;

    @Test
    @DisplayName("Defaults: prefix and child are required; the disk spec is the child's")
    void defaults() {
        assertEquals(List.of("$.child: missing required field (an object (a datastore spec))",
                "$.prefix: missing required field (a string)"), Specs.problems("{\"type\": \"measure\"}"));
        DatastoreSpec spec = Specs.parse("{\"type\": \"measure\", \"prefix\": \"m\", \"child\": {\"type\": \"mem\"}}");
        assertEquals(new MeasureSpec("m", new MemSpec()), spec);
        assertEquals(DiskSpec.NONE, spec.diskSpec());
    }

    @Test
    @DisplayName("Full mapping: prefix (its own field here, not a leftover) and child")
    void fullMapping() {
        DatastoreSpec spec = Specs.parse("{\"type\": \"measure\", \"prefix\": \"leveldb.datastore\", \"child\":"
                + " {\"type\": \"levelds\", \"path\": \"datastore\"}}");
        assertEquals(new MeasureSpec("leveldb.datastore", new LeveldbSpec("datastore", io.github.blobds.levelds.LeveldbOptions.Compression.SNAPPY)),
                spec);
        assertEquals("{\"path\":\"datastore\",\"type\":\"levelds\"}", spec.diskSpec().toString());
        assertEquals(List.of("$.prefix: must not be empty: it names the metrics"),
                Specs.problems("{\"type\": \"measure\", \"prefix\": \"\", \"child\": {\"type\": \"mem\"}}"));
        assertEquals(List.of("$.prefix: expected a string, got a boolean (true)"),
                Specs.problems("{\"type\": \"measure\", \"prefix\": true, \"child\": {\"type\": \"mem\"}}"));
    }

    @Test
    @DisplayName("Creates a MeasureDatastore recording on the composer's registry")
    void creates() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Composer composer = Composer.builder().discoverModules(false).meterRegistry(registry).build();
        try (Batching ds = composer.parse("{\"type\": \"measure\", \"prefix\": \"mem.datastore\", \"child\": {\"type\": \"mem\"}}").create(repo)) {
            assertEquals("MeasureDatastore(SynchronizedDatastore(MapDatastore))", Specs.shape(Specs.root(ds)));
            assertInstanceOf(Batching.class, Specs.root(ds));
            ds.put(Key.of("/a"), new byte[] {1});
            assertEquals(1.0, registry.get("mem.datastore.put").counter().count());
        }
    }
}
