package io.github.blobds.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SPDK's file_length and reload (blobfs_sync_ut, and fs_load in SPDK's bdev tests) through {@link BlobFsSuite#reopen()}. */
abstract class BlobFsPersistenceSubtests extends BlobFsSubtests {

    // SPDK test/unit/lib/blobfs/blobfs_sync_ut file_length
    @Test
    @DisplayName("file_length: after a force, close and reopen, the size is the forced length and the bytes are intact")
    void fileLength() throws Exception {
        byte[] data = bytes(BlobFsDataSubtests.CACHE_BUFFER + 4096);
        try (FileChannel ch = open(path("/testfile"), CREATE_NEW, WRITE)) {
            writeFully(ch, data);
            ch.force(true);
        }
        reopen();
        assertEquals(data.length, Files.size(path("/testfile")));
        assertArrayEquals(data, Files.readAllBytes(path("/testfile")));
    }

    @Test
    @DisplayName("reload: every forced file, its size and its bytes survive reopen, in and out of directories")
    void reload() throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        String[] dirs = {"/", "/db/", "/db/archive/", "/wal/"};
        for (int i = 0; i < 24; i++) {
            String name = dirs[random().nextInt(dirs.length)] + String.format("%06d.log", i);
            byte[] b = bytes(random().nextInt(4) == 0 ? random().nextInt(200_000) : random().nextInt(5000));
            files.put(name, b);
            create(path(name), b);
        }
        reopen();
        for (var e : files.entrySet()) {
            assertEquals(e.getValue().length, Files.size(path(e.getKey())), e.getKey());
            assertArrayEquals(e.getValue(), Files.readAllBytes(path(e.getKey())), e.getKey());
        }
        try (var walk = Files.walk(root())) {
            assertEquals(files.keySet().stream().toList(), walk.filter(Files::isRegularFile).map(Path::toString).sorted().toList());
        }
        reopen();
        assertEquals(files.size(), countFiles());
    }

    private long countFiles() throws IOException {
        try (var walk = Files.walk(root())) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    // SPDK test/unit/lib/blobfs/blobfs_sync_ut (spdk_file_close syncs)
    @Test
    @DisplayName("Closing a channel forces it: appends without a force survive a reopen after the close")
    void closeForces() throws Exception {
        byte[] a = bytes(10_001);
        try (FileChannel ch = open(path("/file"), CREATE_NEW, WRITE)) {
            writeFully(ch, a);
        }
        reopen();
        assertArrayEquals(a, Files.readAllBytes(path("/file")));
    }

    @Test
    @DisplayName("Closing the file system forces the files whose channels are still open; those channels then fail")
    void closingTheFileSystemForcesOpenFiles() throws Exception {
        byte[] a = bytes(70_001);
        FileSystem before = suite().fileSystem();
        Path stale = path("/file");
        FileChannel ch = open(stale, CREATE_NEW, WRITE, READ);
        writeFully(ch, a);
        reopen();
        assertFalse(before.isOpen());
        assertArrayEquals(a, Files.readAllBytes(path("/file")));
        try {
            ch.read(ByteBuffer.allocate(10), 0);
            throw new AssertionError("a channel of a closed file system still reads");
        } catch (ClosedChannelException | ClosedFileSystemException expected) {
            // either is how NIO reports it
        } finally {
            try {
                ch.close();
            } catch (IOException | ClosedFileSystemException ignored) {
                // the file system is closed already
            }
        }
        assertThrows(ClosedFileSystemException.class, () -> Files.readAllBytes(stale));
        before.close();
        assertArrayEquals(a, Files.readAllBytes(path("/file")), "closing a closed file system again does nothing");
    }

    @Test
    @DisplayName("Many reopen cycles with appends in between keep every byte")
    void manyReopenCycles() throws Exception {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Files.createFile(path("/log"));
        for (int cycle = 0; cycle < 8; cycle++) {
            try (FileChannel ch = open(path("/log"), APPEND)) {
                for (int i = 0; i < 5; i++) {
                    byte[] b = bytes(random().nextInt(9000));
                    writeFully(ch, b);
                    expected.write(b);
                }
                if (random().nextBoolean()) {
                    ch.force(true);
                }
            }
            reopen();
            assertArrayEquals(expected.toByteArray(), Files.readAllBytes(path("/log")), "after cycle " + cycle);
        }
    }
}
