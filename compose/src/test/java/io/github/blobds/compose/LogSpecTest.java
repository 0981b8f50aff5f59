package io.github.blobds.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.blobds.datastore.Batching;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code log} spec type (kubo's LogDatastoreConfig). */
class LogSpecTest {

    @TempDir
    Path repo;

    @Test
    @DisplayName("Defaults: name and child are required; the disk spec is the child's")
    void defaults() {
        DatastoreSpec spec = Specs.parse("{\"type\": \"log\", \"name\": \"\", \"child\": {\"type\": \"mem\"}}");
        assertEquals(new LogSpec("", new MemSpec()), spec);
        assertEquals("null", spec.diskSpec().toString());
        assertEquals(List.of("$.child: missing required field (an object (a datastore spec))",
                "$.name: missing required field (a string)"), Specs.problems("{\"type\": \"log\"}"));
    }

    @Test
    @DisplayName("Full mapping: name and child, with the child's disk spec")
    void fullMapping() {
        DatastoreSpec spec = Specs.parse("{\"type\": \"log\", \"name\": \"db\", \"child\": {\"type\": \"levelds\", \"path\": \"datastore\","
                + " \"compression\": \"none\"}}");
        assertEquals(new LogSpec("db", new LeveldbSpec("datastore", io.github.blobds.levelds.LeveldbOptions.Compression.NONE)), spec);
        assertEquals("{\"path\":\"datastore\",\"type\":\"levelds\"}", spec.diskSpec().toString());
        assertEquals(List.of("$.child: expected a datastore spec (an object with a \"type\"), got a string (\"mem\")",
                "$.name: expected a string, got a number (3)"), Specs.problems("{\"type\": \"log\", \"name\": 3, \"child\": \"mem\"}"));
    }

    @Test
    @DisplayName("Creates a LogDatastore around the child")
    void creates() {
        try (Batching ds = Specs.COMPOSER.parse("{\"type\": \"log\", \"name\": \"db\", \"child\": {\"type\": \"mem\"}}").create(repo)) {
            assertEquals("db(SynchronizedDatastore(MapDatastore))", Specs.shape(Specs.root(ds)), "a LogDatastore shows its name");
        }
    }
}
