package io.github.blobds.levelds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.Batch;
import io.github.blobds.datastore.ClosedException;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.NotFoundException;
import io.github.blobds.datastore.query.Entry;
import io.github.blobds.datastore.query.OrderByKeyDescending;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The levelds module as a guide: kubo's {@code datastore/} directory as a go-datastore. */
class TutorialTest {

    @TempDir
    Path repo;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("Open a LevelDB directory, write, query, batch, and reopen it")
    void tutorial() {
        Path dir = repo.resolve("datastore");

        // 1. Open (creating it) with go-ds-leveldb's defaults: no compression, every write synced.
        //    Any Path works: the default file system, a BlobFS, a zip file system.
        try (LeveldbDatastore ds = LeveldbDatastore.open(dir)) {
            ds.put(Key.of("/local/pins/a"), bytes("pin a"));
            ds.put(Key.of("/local/pins/b"), bytes("pin b"));
            ds.put(Key.of("/local/pinsx"), bytes("not below /local/pins"));
            assertArrayEquals(bytes("pin a"), ds.get(Key.of("/local/pins/a")));
            assertThrows(NotFoundException.class, () -> ds.get(Key.of("/local/pins/c")));

            // 2. A query walks LevelDB's sorted keys below the prefix; a key order is served by the iterator.
            try (Results r = ds.query(Query.builder().prefix("/local/pins").order(new OrderByKeyDescending()).build())) {
                assertEquals(List.of("/local/pins/b", "/local/pins/a"), r.stream().map(Entry::key).toList());
            }

            // 3. A batch is one atomic LevelDB write; the last operation on a key wins.
            Batch batch = ds.batch();
            batch.delete(Key.of("/local/pins/a"));
            batch.put(Key.of("/local/pins/c"), bytes("pin c"));
            batch.commit();

            // 4. Disk usage is what the directory's files take.
            assertTrue(ds.diskUsage() > 0);
        }

        // 5. Reopening replays LevelDB's log: everything written before close is there.
        LeveldbDatastore ds = LeveldbDatastore.open(dir, LeveldbOptions.builder().syncWrites(false).build());
        try (Results r = ds.query(Query.builder().prefix("/local/pins").keysOnly(true).build())) {
            assertEquals(List.of("/local/pins/b", "/local/pins/c"), r.stream().map(Entry::key).toList());
        }
        // Without synced writes, sync (or a clean close) makes earlier writes durable.
        ds.put(Key.of("/local/pins/d"), bytes("pin d"));
        ds.sync(Key.of("/local/pins"));
        ds.close();
        assertThrows(ClosedException.class, () -> ds.has(Key.of("/local/pins/d")));
    }
}
