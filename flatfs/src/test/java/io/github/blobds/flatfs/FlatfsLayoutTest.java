package io.github.blobds.flatfs;

import static io.github.blobds.flatfs.TestSupport.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.InvalidArgumentException;
import io.github.blobds.datastore.Key;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Creating and opening datastores: go-ds-flatfs flatfs_test.go TestSHARDINGFile, TestNonDatastoreDir and the errors of Create and Open. */
class FlatfsLayoutTest {

    @TempDir
    Path temp;

    // go-ds-flatfs flatfs_test.go TestSHARDINGFile.
    @Test
    @DisplayName("TestSHARDINGFile: create and open with the default; reopen; another shard function is refused")
    void shardingFile() throws Exception {
        FlatfsDatastore.create(temp, ShardFunction.DEFAULT);
        assertEquals("/repo/flatfs/shard/v1/next-to-last/2\n", Files.readString(temp.resolve("SHARDING")));
        try (FlatfsDatastore fs = FlatfsDatastore.open(temp, false)) {
            assertEquals(ShardFunction.DEFAULT, fs.shardFunction());
            assertEquals(temp, fs.path());
            assertTrue(fs.toString().contains(ShardFunction.DEFAULT.toString()), fs.toString());
        }
        FlatfsDatastore.createOrOpen(temp, ShardFunction.DEFAULT, false).close();
        FlatfsLayoutException e = assertThrows(FlatfsLayoutException.class,
                () -> FlatfsDatastore.createOrOpen(temp, ShardFunction.prefix(5), false));
        assertEquals("specified shard func '/repo/flatfs/shard/v1/prefix/5' does not match repo shard func "
                + "'/repo/flatfs/shard/v1/next-to-last/2' in " + temp, e.getMessage());
        FlatfsExistsException exists = assertThrows(FlatfsExistsException.class, () -> FlatfsDatastore.create(temp, ShardFunction.DEFAULT));
        assertTrue(exists.getMessage().contains(temp.toString()), exists.getMessage());
    }

    // go-ds-flatfs flatfs_test.go TestNonDatastoreDir.
    @Test
    @DisplayName("TestNonDatastoreDir: create refuses a non-empty directory without SHARDING")
    void nonDatastoreDir() throws Exception {
        Files.writeString(temp.resolve("afile"), "Some Content");
        FlatfsLayoutException e = assertThrows(FlatfsLayoutException.class, () -> FlatfsDatastore.create(temp, ShardFunction.nextToLast(2)));
        assertEquals("directory missing SHARDING file: " + temp, e.getMessage());
    }

    @Test
    @DisplayName("Open refuses a missing directory, a directory without SHARDING and an unparsable SHARDING, naming them")
    void openErrors() throws Exception {
        Path missing = temp.resolve("missing");
        FlatfsLayoutException e = assertThrows(FlatfsLayoutException.class, () -> FlatfsDatastore.open(missing, false));
        assertEquals("datastore directory does not exist: " + missing, e.getMessage());
        e = assertThrows(FlatfsLayoutException.class, () -> FlatfsDatastore.open(temp, false));
        assertEquals("SHARDING file not found in datastore: " + temp, e.getMessage());
        assertFalse(Files.exists(temp.resolve(".temp")), "a directory that is no datastore is left as it was");
        Files.writeString(temp.resolve("SHARDING"), "/repo/flatfs/shard/v9/prefix/2\n");
        InvalidShardFunctionException bad = assertThrows(InvalidShardFunctionException.class, () -> FlatfsDatastore.open(temp, false));
        assertEquals(temp.resolve("SHARDING") + ": expected 'v1' for version string got: v9", bad.getMessage());
        assertThrows(InvalidShardFunctionException.class, () -> FlatfsDatastore.create(temp, ShardFunction.DEFAULT));
        Path file = temp.resolve("afile");
        Files.writeString(file, "x");
        assertThrows(FlatfsIoException.class, () -> FlatfsDatastore.create(file.resolve("sub"), ShardFunction.DEFAULT));
        assertThrows(InvalidArgumentException.class, () -> FlatfsDatastore.open(null, false));
        assertThrows(InvalidArgumentException.class, () -> FlatfsDatastore.open(temp, null));
        assertThrows(InvalidArgumentException.class, () -> FlatfsDatastore.create(temp, null));
        assertThrows(InvalidArgumentException.class, () -> FlatfsDatastore.readShardFunction(null));
        assertThrows(InvalidArgumentException.class, () -> new FlatfsOptions(true, 1, null, java.time.InstantSource.system(), 0));
        assertThrows(InvalidArgumentException.class, () -> new FlatfsOptions(true, 1, java.time.Duration.ofSeconds(-1), java.time.InstantSource.system(), 0));
    }

    @Test
    @DisplayName("_README is written, read-only, only for the default shard function, in the project's words")
    void readme() throws Exception {
        Path def = temp.resolve("default");
        FlatfsDatastore.create(def, ShardFunction.DEFAULT);
        Path readme = def.resolve("_README");
        assertTrue(Files.readString(readme, StandardCharsets.UTF_8).contains("/repo/flatfs/shard/v1/next-to-last/2"));
        if (readme.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(readme)));
        }
        Path other = temp.resolve("other");
        FlatfsDatastore.create(other, ShardFunction.suffix(3));
        assertFalse(Files.exists(other.resolve("_README")));
        assertEquals("/repo/flatfs/shard/v1/suffix/3\n", Files.readString(other.resolve("SHARDING")));
    }

    @Test
    @DisplayName("Open empties .temp/ and the data survives a reopen")
    void reopen() throws Exception {
        try (FlatfsDatastore fs = FlatfsDatastore.createOrOpen(temp, ShardFunction.DEFAULT, true)) {
            fs.put(Key.of("/CIQA"), bytes("block"));
        }
        Path leftover = temp.resolve(".temp").resolve("batch-9");
        Files.createDirectories(leftover);
        Files.writeString(leftover.resolve("CIQB.data"), "half");
        Files.writeString(temp.resolve(".temp").resolve("temp-1"), "half");
        try (FlatfsDatastore fs = FlatfsDatastore.open(temp, true)) {
            try (var left = Files.list(temp.resolve(".temp"))) {
                assertEquals(0, left.count(), ".temp is emptied on open");
            }
            assertArrayEquals(bytes("block"), fs.get(Key.of("/CIQA")));
            assertFalse(fs.has(Key.of("/CIQB")));
        }
    }
}
