package io.github.blobds.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.Key;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BenchKeysTest {

    @Test
    @DisplayName("block keys look like kubo's flatfs keys, are clean and distinct")
    void blocks() {
        Set<String> seen = new HashSet<>();
        Set<String> shards = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            String k = BenchKeys.block(i);
            assertTrue(k.matches("/CIQ[A-Z2-7]{52}"), k);
            assertEquals(k, Key.of(k).toString());
            assertTrue(seen.add(k), k);
            shards.add(k.substring(k.length() - 3, k.length() - 1));
        }
        assertTrue(shards.size() > 900, "next-to-last/2 shards used: " + shards.size());
    }

    @Test
    @DisplayName("record keys sit under one of 256 prefixes, are clean and distinct")
    void records() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            String k = BenchKeys.record(i);
            assertTrue(k.matches("/r/[0-9a-f]{2}/[0-9a-f]{16}"), k);
            assertTrue(k.startsWith(BenchKeys.recordPrefix(Integer.parseInt(k.substring(3, 5), 16)) + "/"));
            assertEquals(k, Key.of(k).toString());
            assertTrue(seen.add(k), k);
        }
    }
}
