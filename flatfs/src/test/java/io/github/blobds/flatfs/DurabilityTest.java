package io.github.blobds.flatfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.blobds.blobfs.BlobFileSystem;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code sync} forces. Durability itself cannot be observed without pulling the power; these
 * tests check that every path is taken without error: remembered files and directories, files
 * deleted before the flush, the bounded memory's fall-back walk, and file systems whose directories
 * cannot be opened.
 */
class DurabilityTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("Unsynced writes are remembered and forced by flush, also when deleted or too many")
    void flush() throws Exception {
        Path shard = Files.createDirectories(temp.resolve("AB"));
        Durability d = new Durability(temp, false, 2);
        for (int i = 0; i < 3; i++) {
            Path f = shard.resolve("K" + i + ".data");
            Files.writeString(f, "v" + i);
            d.landed(f, shard);
        }
        Files.delete(shard.resolve("K0.data"));
        Files.writeString(temp.resolve("STRAY"), "not a shard");
        Files.createDirectories(temp.resolve(".temp"));
        d.removed(shard);
        d.created(temp);
        d.flush();
        d.flush();
        Path missing = temp.resolve("XY");
        d.removed(missing);
        assertThrows(NoSuchFileException.class, d::flush, "a vanished directory cannot be forced");
    }

    @Test
    @DisplayName("On BlobFS, whose directories cannot be opened, directories are left to the file system")
    void blobFsDirectories() throws Exception {
        try (BlobFileSystem fs = FlatfsBlobFsSuiteTest.newFileSystem()) {
            Path root = fs.getPath("/ffs");
            try (FlatfsDatastore ds = FlatfsDatastore.createOrOpen(root, ShardFunction.DEFAULT, true)) {
                ds.put(Key.of("/CIQA"), new byte[] {1, 2, 3});
                ds.sync(Key.ROOT);
                FlatfsBatch b = ds.batch();
                b.put(Key.of("/CIQB"), new byte[] {4});
                b.commit();
                assertArrayEquals(new byte[] {4}, ds.get(Key.of("/CIQB")));
            }
            try (FlatfsDatastore ds = FlatfsDatastore.open(root, false)) {
                assertArrayEquals(new byte[] {1, 2, 3}, ds.get(Key.of("/CIQA")));
                ds.put(Key.of("/CIQC"), new byte[] {5});
                ds.delete(Key.of("/CIQA"));
                ds.sync(Key.of("/anything"));
            }
        }
    }

    @Test
    @DisplayName("On the JDK's zip file system (no directory channels, no atomic moves) a datastore works and reopens")
    void zipFileSystem() throws Exception {
        Path zipFile = temp.resolve("blocks.zip");
        try (FileSystem zip = FileSystems.newFileSystem(zipFile, Map.of("create", "true"));
             FlatfsDatastore ds = FlatfsDatastore.createOrOpen(zip.getPath("/blocks"), ShardFunction.DEFAULT, true)) {
            ds.put(Key.of("/CIQA"), new byte[] {1, 2});
            ds.put(Key.of("/CIQA"), new byte[] {3});
            FlatfsBatch b = ds.batch();
            b.put(Key.of("/CIQB"), new byte[] {9});
            b.commit();
            ds.sync(Key.ROOT);
        }
        try (FileSystem zip = FileSystems.newFileSystem(zipFile);
             FlatfsDatastore ds = FlatfsDatastore.open(zip.getPath("/blocks"), false)) {
            assertArrayEquals(new byte[] {3}, ds.get(Key.of("/CIQA")));
            assertArrayEquals(new byte[] {9}, ds.get(Key.of("/CIQB")));
            try (Results r = ds.query(Query.builder().keysOnly(true).build())) {
                assertEquals(2, r.rest().size());
            }
        }
    }
}
