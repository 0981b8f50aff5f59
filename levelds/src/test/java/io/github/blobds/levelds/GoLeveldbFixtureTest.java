package io.github.blobds.levelds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.NotFoundException;
import io.github.blobds.datastore.query.Entry;
import io.github.blobds.datastore.query.OrderByKey;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory go-ds-leveldb v0.5.0 (goleveldb) wrote, in shared/fixtures/go-leveldb-basic: 100 keys
 * compacted into a table, then 14 overwritten and 11 deleted in the journal. Opening it replays the
 * journal; every key must read back as its manifest says.
 */
class GoLeveldbFixtureTest {

    private static final Pattern LIVE = Pattern.compile(
            "\\{\\s*\"key\":\\s*\"([^\"]+)\",\\s*\"size\":\\s*(\\d+),\\s*\"label\":\\s*\"([^\"]+)\",\\s*\"sha256\":\\s*\"([0-9a-f]{64})\"");
    private static final Pattern LIVE_COUNT = Pattern.compile("\"live_count\":\\s*(\\d+)");
    private static final Pattern DELETED = Pattern.compile("\"deleted\":\\s*\\[([^\\]]*)\\]");
    private static final Pattern STRING = Pattern.compile("\"([^\"]+)\"");

    record Live(String key, int size, String label, String sha256) {
    }

    @TempDir
    Path tmp;

    private Path db;
    private List<Live> live;
    private List<String> deleted;

    @BeforeEach
    void unpack() throws Exception {
        Path archive = Fixtures.require("go-leveldb-basic.tar.gz");
        String manifest = Files.readString(Fixtures.require("go-leveldb-basic.json"));
        Fixtures.untarGz(archive, tmp);
        db = tmp.resolve("leveldb-fx2");
        live = new ArrayList<>();
        for (Matcher m = LIVE.matcher(manifest); m.find(); ) {
            live.add(new Live(m.group(1), Integer.parseInt(m.group(2)), m.group(3), m.group(4)));
        }
        Matcher count = LIVE_COUNT.matcher(manifest);
        assertTrue(count.find(), "manifest has live_count");
        assertEquals(Integer.parseInt(count.group(1)), live.size(), "every live entry of the manifest parsed");
        Matcher del = DELETED.matcher(manifest);
        assertTrue(del.find(), "manifest has deleted");
        deleted = new ArrayList<>();
        for (Matcher m = STRING.matcher(del.group(1)); m.find(); ) {
            deleted.add(m.group(1));
        }
        assertEquals(11, deleted.size());
    }

    @Test
    @DisplayName("Opening go-ds-leveldb's directory replays its journal: live keys read back exactly, deleted ones are gone")
    void readsWhatGoWrote() throws Exception {
        try (LeveldbDatastore ds = LeveldbDatastore.open(db)) {
            checkContent(ds);
        }
        // What the replay wrote (a new table and manifest) opens again, now without a journal to replay.
        try (LeveldbDatastore ds = LeveldbDatastore.open(db)) {
            checkContent(ds);
        }
    }

    @Test
    @DisplayName("The fixture takes new writes next to go's data")
    void writesNextToGoData() {
        try (LeveldbDatastore ds = LeveldbDatastore.open(db)) {
            ds.put(Key.of("/fx2/ldb/004"), "back".getBytes(StandardCharsets.UTF_8));
            ds.delete(Key.of("/fx2/ldb/000"));
        }
        try (LeveldbDatastore ds = LeveldbDatastore.open(db);
             Results r = ds.query(Query.builder().prefix("/fx2/ldb").keysOnly(true).build())) {
            assertEquals(live.size(), r.rest().size(), "one key back, one gone");
            assertArrayEquals("back".getBytes(StandardCharsets.UTF_8), ds.get(Key.of("/fx2/ldb/004")));
            assertFalse(ds.has(Key.of("/fx2/ldb/000")));
        }
    }

    private void checkContent(LeveldbDatastore ds) throws Exception {
        for (Live l : live) {
            Key k = Key.of(l.key());
            byte[] value = ds.get(k);
            assertEquals(l.size(), value.length, () -> "size of " + l.key());
            assertEquals(l.size(), ds.getSize(k), () -> "getSize of " + l.key());
            assertEquals(l.sha256(), sha256(value), () -> "sha256 of " + l.key());
            assertArrayEquals(expectedValue(l.label(), l.size()), value, () -> "value of " + l.key() + " by the value rule");
        }
        for (String d : deleted) {
            assertFalse(ds.has(Key.of(d)), () -> d + " was deleted");
            assertThrows(NotFoundException.class, () -> ds.get(Key.of(d)));
        }
        try (Results r = ds.query(Query.builder().order(new OrderByKey()).build())) {
            List<Entry> all = r.rest();
            assertEquals(live.stream().map(Live::key).sorted().toList(), all.stream().map(Entry::key).toList());
            for (int i = 0; i < all.size(); i++) {
                assertEquals(live.get(i).sha256(), sha256(all.get(i).value()), "query value of " + all.get(i).key());
            }
        }
    }

    /** The manifest's value rule: SHA-256(label || uint32_be(i)) for i = 0, 1, …, concatenated and cut to size. */
    private static byte[] expectedValue(String label, int size) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; out.size() < size; i++) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(label.getBytes(StandardCharsets.UTF_8));
            md.update(ByteBuffer.allocate(4).putInt(i).array());
            out.write(md.digest());
        }
        byte[] all = out.toByteArray();
        return java.util.Arrays.copyOf(all, size);
    }

    private static String sha256(byte[] value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
    }
}
