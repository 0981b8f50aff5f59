package io.github.blobds.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.Key;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code mem} spec type (kubo's MemDatastoreConfig). */
class MemSpecTest {

    @TempDir
    Path repo;

    @Test
    @DisplayName("Defaults: {\"type\": \"mem\"} is a MemSpec without disk spec (null)")
    void defaults() {
        DatastoreSpec spec = Specs.parse("{\"type\": \"mem\"}");
        assertEquals(new MemSpec(), spec);
        assertEquals("null", spec.diskSpec().toString());
        assertEquals(DiskSpec.NONE, spec.diskSpec());
    }

    @Test
    @DisplayName("Full mapping: mem has no fields; kubo's leftover prefix string is ignored, anything else is unknown")
    void fullMapping() {
        assertEquals(new MemSpec(), Specs.parse("{\"type\": \"mem\", \"prefix\": \"mem.datastore\"}"));
        assertEquals(List.of("$.path: unknown field of mem (known fields: \"type\")"), Specs.problems("{\"type\": \"mem\", \"path\": \"x\"}"));
    }

    @Test
    @DisplayName("Creates a MapDatastore behind a SynchronizedDatastore, as kubo's MutexWrap(NewMapDatastore())")
    void creates() {
        try (Batching ds = Specs.COMPOSER.parse("{\"type\": \"mem\"}").create(repo)) {
            assertEquals("SynchronizedDatastore(MapDatastore)", Specs.shape(Specs.root(ds)));
            assertInstanceOf(Batching.class, Specs.root(ds));
            ds.put(Key.of("/a"), new byte[] {1});
            assertEquals(1, ds.getSize(Key.of("/a")));
        }
    }
}
