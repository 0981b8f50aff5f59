package io.github.blobds.mount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.blobds.datastore.Batch;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.MapDatastore;
import io.github.blobds.datastore.query.Entry;
import io.github.blobds.datastore.query.OrderByKey;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The mount module as a guide: kubo's layout, blocks in one datastore and everything else in another. */
class TutorialTest {

    @Test
    @DisplayName("Mount a block store at /blocks and a metadata store at /, then use them as one")
    void tutorial() {
        // 1. Two datastores (in kubo: flatfs and levelds), mounted like kubo's default spec.
        MapDatastore blocks = new MapDatastore();
        MapDatastore metadata = new MapDatastore();
        try (MountDatastore ds = MountDatastore.of(new Mount(Key.of("/blocks"), blocks), new Mount(Key.ROOT, metadata))) {

            // 2. Keys go to the mount with the longest prefix strictly above them, without that prefix.
            ds.put(Key.of("/blocks/CIQA"), bytes("block"));
            ds.put(Key.of("/local/pins"), bytes("pins"));
            assertArrayEquals(bytes("block"), blocks.get(Key.of("/CIQA")));
            assertArrayEquals(bytes("pins"), metadata.get(Key.of("/local/pins")));

            // 3. A key equal to a mount point belongs to the mount above it.
            ds.put(Key.of("/blocks"), bytes("not a block"));
            assertArrayEquals(bytes("not a block"), metadata.get(Key.of("/blocks")));

            // 4. Queries read only the mounts under their prefix and merge them in the query's order.
            try (Results r = ds.query(Query.builder().order(new OrderByKey()).keysOnly(true).build())) {
                assertEquals(List.of("/blocks", "/blocks/CIQA", "/local/pins"), r.stream().map(Entry::key).toList());
            }
            try (Results r = ds.query(Query.builder().prefix("/blocks").build())) {
                assertEquals(List.of("/blocks/CIQA"), r.stream().map(Entry::key).toList());
            }

            // 5. A batch spans mounts; commit applies it to each.
            Batch batch = ds.batch();
            batch.put(Key.of("/blocks/CIQB"), bytes("another block"));
            batch.delete(Key.of("/local/pins"));
            batch.commit();
            assertFalse(metadata.has(Key.of("/local/pins")));

            // 6. Sync reaches the mounts under the prefix; without a root mount, puts elsewhere fail.
            ds.sync(Key.of("/blocks"));
            assertThrows(NoMountException.class, () -> MountDatastore.of(new Mount(Key.of("/blocks"), blocks)).put(Key.of("/x"), bytes("x")));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
