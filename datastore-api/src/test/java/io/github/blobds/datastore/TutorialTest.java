package io.github.blobds.datastore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.blobds.datastore.query.Entry;
import io.github.blobds.datastore.query.OrderByKey;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's quick start, run as written. */
class TutorialTest {

    @Test
    void quickStart() {
        List<String> printed = new ArrayList<>();
        MapDatastore backing = new MapDatastore();

        Datastore ds = Namespace.wrap(backing, Key.of("/users"));
        ds.put(Key.of("/alice"), "admin".getBytes());
        byte[] role = ds.get(Key.of("/alice"));
        try (Results r = ds.query(Query.builder().order(new OrderByKey()).limit(10).build())) {
            for (Entry e : r) {
                printed.add(e.key() + " " + e.size());
            }
        }
        assertArrayEquals("admin".getBytes(), role);
        assertEquals(List.of("/alice 5"), printed);
        assertArrayEquals("admin".getBytes(), backing.get(Key.of("/users/alice")), "stored below the namespace");

        if (ds instanceof Batching b) {
            Batch batch = b.batch();
            batch.delete(Key.of("/alice"));
            batch.commit();
        }
        assertFalse(ds.has(Key.of("/alice")));
        assertThrows(NotFoundException.class, () -> ds.get(Key.of("/alice")));
        ds.close();
        assertThrows(ClosedException.class, () -> ds.has(Key.of("/alice")));
    }
}
