package io.github.blobds.flatfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.InvalidKeyException;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.query.Entry;
import io.github.blobds.datastore.query.OrderByKey;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flatfs module as a guide: a block store in a directory kubo could open as its {@code blocks/}. */
class TutorialTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("Create a flatfs, store blocks, query them, batch, sync and reopen")
    void tutorial() throws Exception {
        Path blocks = dir.resolve("blocks");

        // 1. Create (or open) a datastore with IPFS's default shard function; sync forces every put.
        try (FlatfsDatastore ds = FlatfsDatastore.createOrOpen(blocks, ShardFunction.DEFAULT, true)) {

            // 2. Keys are one namespace of A-Z 0-9 + - _ =, like base32 CIDs; each value is one file.
            ds.put(Key.of("/CIQA4T3TD3BP3C2M3GXCGRCRTCCHV7XSGAZPZJOAOHLPOI6IQR3H6YQ"), bytes("block one"));
            assertTrue(Files.isRegularFile(blocks.resolve("6Y").resolve("CIQA4T3TD3BP3C2M3GXCGRCRTCCHV7XSGAZPZJOAOHLPOI6IQR3H6YQ.data")));
            assertEquals("/repo/flatfs/shard/v1/next-to-last/2\n", Files.readString(blocks.resolve("SHARDING")));
            assertThrows(InvalidKeyException.class, () -> ds.put(Key.of("/local/pins"), bytes("not a block")));

            // 3. Queries list the root; filters, orders, offset and limit work as everywhere.
            ds.put(Key.of("/CIQB"), bytes("block two"));
            try (Results r = ds.query(Query.builder().keysOnly(true).order(new OrderByKey()).build())) {
                assertEquals(List.of("/CIQA4T3TD3BP3C2M3GXCGRCRTCCHV7XSGAZPZJOAOHLPOI6IQR3H6YQ", "/CIQB"),
                        r.stream().map(Entry::key).toList());
            }

            // 4. A batch is written to .temp/ and renamed into place on commit; the last operation on a key wins.
            FlatfsBatch batch = ds.batch();
            batch.put(Key.of("/CIQC"), bytes("first"));
            batch.put(Key.of("/CIQC"), bytes("second"));
            batch.delete(Key.of("/CIQB"));
            assertFalse(ds.has(Key.of("/CIQC")), "nothing lands before commit");
            batch.commit();
            assertArrayEquals(bytes("second"), ds.get(Key.of("/CIQC")));
            assertFalse(ds.has(Key.of("/CIQB")));

            // 5. The disk usage is kept as writes happen and saved in diskUsage.cache on close.
            assertTrue(ds.diskUsage() > 0);
            ds.sync(Key.ROOT);
        }

        // 6. Reopen: the shard function comes from SHARDING.
        try (FlatfsDatastore ds = FlatfsDatastore.open(blocks, false)) {
            assertEquals(ShardFunction.DEFAULT, ds.shardFunction());
            assertArrayEquals(bytes("second"), ds.get(Key.of("/CIQC")));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
