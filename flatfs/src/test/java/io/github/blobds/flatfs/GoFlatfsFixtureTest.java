package io.github.blobds.flatfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.query.Entry;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory go-ds-flatfs v0.5.1 wrote (shared/fixtures/go-flatfs-basic: next-to-last/2, sync on,
 * 20 block keys, closed): blobds reads every key as the manifest says, and a directory blobds writes
 * with the same keys has exactly go's names and {@code SHARDING} bytes. The fixture is unpacked into a
 * temporary directory; the archive itself is only read.
 */
class GoFlatfsFixtureTest {

    private static final Pattern ENTRY = Pattern.compile("\\{\\s*\"key\":\\s*\"([^\"]+)\",\\s*\"size\":\\s*(\\d+),\\s*"
            + "\"label\":\\s*\"([^\"]+)\",\\s*\"sha256\":\\s*\"([0-9a-f]{64})\",\\s*\"path\":\\s*\"([^\"]+)\"");

    record Block(String key, int size, String label, String sha256, String path) {
    }

    @TempDir
    Path tmp;

    private Path goDir;
    private List<Block> blocks;

    @BeforeEach
    void unpack() throws Exception {
        Path archive = Fixtures.require("go-flatfs-basic.tar.gz");
        String manifest = Files.readString(Fixtures.require("go-flatfs-basic.json"));
        Fixtures.untarGz(archive, tmp);
        goDir = tmp.resolve("flatfs-fx2");
        blocks = new ArrayList<>();
        for (Matcher m = ENTRY.matcher(manifest); m.find(); ) {
            blocks.add(new Block(m.group(1), Integer.parseInt(m.group(2)), m.group(3), m.group(4), m.group(5)));
        }
        assertEquals(20, blocks.size(), "every entry of the manifest parsed");
        assertTrue(manifest.contains("\"shard_func\": \"/repo/flatfs/shard/v1/next-to-last/2\""));
    }

    @Test
    @DisplayName("Every key of go's directory reads back with the manifest's size and sha256; a keys-only query returns exactly them")
    void readsWhatGoWrote() throws Exception {
        try (FlatfsDatastore fs = FlatfsDatastore.open(goDir, false)) {
            assertEquals(ShardFunction.DEFAULT, fs.shardFunction());
            assertEquals(491627, fs.diskUsage(), "the disk usage comes from go's diskUsage.cache");
            assertEquals(DiskUsageAccuracy.INITIAL_EXACT, fs.accuracy());
            for (Block b : blocks) {
                Key k = Key.of(b.key());
                byte[] value = fs.get(k);
                assertEquals(b.size(), value.length, () -> "size of " + b.key());
                assertEquals(b.size(), fs.getSize(k), () -> "getSize of " + b.key());
                assertEquals(b.sha256(), sha256(value), () -> "sha256 of " + b.key());
                assertArrayEquals(valueOf(b), value, () -> "value of " + b.key() + " by the manifest's value rule");
                assertEquals(goDir.resolve(b.path().substring("flatfs-fx2/".length())), fs.dataFile(k), () -> "file of " + b.key());
            }
            try (Results r = fs.query(Query.builder().keysOnly(true).build())) {
                assertEquals(blocks.stream().map(Block::key).collect(Collectors.toSet()),
                        r.rest().stream().map(Entry::key).collect(Collectors.toSet()));
            }
            try (Results r = fs.query(Query.all())) {
                for (Entry e : r.rest()) {
                    Block b = blocks.stream().filter(x -> x.key().equals(e.key())).findFirst().orElseThrow();
                    assertEquals(b.sha256(), sha256(e.value()), () -> "query value of " + e.key());
                }
            }
        }
    }

    @Test
    @DisplayName("A directory blobds writes with the same keys has go's names, SHARDING bytes and data bytes")
    void writesWhatGoWrites() throws Exception {
        Path ours = tmp.resolve("blobds-fx2");
        try (FlatfsDatastore fs = FlatfsDatastore.createOrOpen(ours, ShardFunction.DEFAULT, true)) {
            for (Block b : blocks) {
                fs.put(Key.of(b.key()), valueOf(b));
            }
        }
        assertEquals(names(goDir), names(ours), "the same directories and files");
        assertArrayEquals(Files.readAllBytes(goDir.resolve("SHARDING")), Files.readAllBytes(ours.resolve("SHARDING")));
        for (Block b : blocks) {
            String rel = b.path().substring("flatfs-fx2/".length());
            assertArrayEquals(Files.readAllBytes(goDir.resolve(rel)), Files.readAllBytes(ours.resolve(rel)), rel);
        }
        String cache = Files.readString(ours.resolve("diskUsage.cache"));
        assertTrue(cache.matches("\\{\"diskUsage\":\\d+,\"accuracy\":\"initial-exact\"}\n"), cache);
        // And go's directory opened, written to and closed by blobds still has go's shape.
        try (FlatfsDatastore fs = FlatfsDatastore.open(goDir, true)) {
            fs.put(Key.of("/CIQNEWBLOCKXYZ"), "new".getBytes(StandardCharsets.UTF_8));
            fs.delete(Key.of(blocks.get(0).key()));
        }
        assertTrue(Files.isRegularFile(goDir.resolve("XY").resolve("CIQNEWBLOCKXYZ.data")));
        assertTrue(Files.readString(goDir.resolve("diskUsage.cache")).matches("\\{\"diskUsage\":\\d+,\"accuracy\":\"initial-exact\"}\n"));
    }

    /** Every path below {@code dir}, relative, with a trailing slash for directories. */
    private static Set<String> names(Path dir) throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> !p.equals(dir))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/') + (Files.isDirectory(p) ? "/" : ""))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The manifest's value rule: SHA-256(label || uint32_be(i)) for i = 0, 1, …, concatenated and cut to size. */
    private static byte[] valueOf(Block b) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; out.size() < b.size(); i++) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(b.label().getBytes(StandardCharsets.UTF_8));
            md.update(ByteBuffer.allocate(4).putInt(i).array());
            out.write(md.digest());
        }
        return Arrays.copyOf(out.toByteArray(), b.size());
    }

    private static String sha256(byte[] value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
    }
}
