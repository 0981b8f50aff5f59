package io.github.blobds.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SPDK's fs_open, fs_create and fs_create_sync through NIO: names, CREATE, CREATE_NEW, missing files, iteration. */
abstract class BlobFsOpenSubtests extends BlobFsSubtests {

    // SPDK test/unit/lib/blobfs/blobfs_async_ut fs_open (-ENAMETOOLONG)
    @Test
    @DisplayName("fs_open: a 256-byte name is rejected with an IOException and creates nothing; 255 bytes are fine")
    void nameOf256BytesIsRejected() throws IOException {
        Path tooLong = path("/" + "a".repeat(256));
        assertThrows(IOException.class, () -> open(tooLong, CREATE, WRITE).close());
        assertThrows(IOException.class, () -> Files.createFile(tooLong));
        assertFalse(Files.exists(tooLong));
        assertEquals(List.of(), listed(root()));

        Path longest = path("/" + "a".repeat(255));
        Files.write(longest, "ok".getBytes(StandardCharsets.US_ASCII));
        assertEquals("ok", Files.readString(longest));
        assertEquals(List.of(longest.toString()), listed(root()));
    }

    @Test
    @DisplayName("Names count UTF-8 bytes of the whole path without its leading slash: 255 fit, 256 do not")
    void nameLimitCountsUtf8BytesOfTheWholePath() throws IOException {
        String twoByte = "\u00e9";
        Files.createDirectories(path("/dir"));
        Path fits = path("/dir/" + twoByte.repeat(125) + "x");
        assertEquals(255, fits.toString().substring(1).getBytes(StandardCharsets.UTF_8).length);
        Files.createFile(fits);
        assertTrue(Files.isRegularFile(fits));
        assertEquals(List.of(fits.getFileName().toString()), children(path("/dir")));

        Path over = path("/dir/" + twoByte.repeat(126));
        assertEquals(256, over.toString().substring(1).getBytes(StandardCharsets.UTF_8).length);
        assertThrows(IOException.class, () -> Files.createFile(over));
        assertFalse(Files.exists(over));
    }

    // SPDK test/unit/lib/blobfs/blobfs_async_ut fs_open (-ENOENT without CREATE)
    @Test
    @DisplayName("fs_open: opening a missing file without CREATE fails with NoSuchFileException, for reading and for writing")
    void openingAMissingFileFails() {
        Path p = path("/missing");
        assertThrows(NoSuchFileException.class, () -> open(p, READ).close());
        assertThrows(NoSuchFileException.class, () -> open(p, WRITE).close());
        assertThrows(NoSuchFileException.class, () -> open(p, APPEND).close());
        assertThrows(NoSuchFileException.class, () -> Files.newInputStream(p).close());
        assertThrows(NoSuchFileException.class, () -> Files.readAllBytes(p));
        assertThrows(NoSuchFileException.class, () -> Files.size(p));
        assertFalse(Files.exists(p));
        assertTrue(Files.notExists(p));
    }

    // SPDK test/unit/lib/blobfs/blobfs_async_ut fs_open (CREATE gives ref 1; iter first/next)
    @Test
    @DisplayName("fs_open: CREATE makes an empty file that iteration shows; opening it again shares its contents and end")
    void createMakesAnEmptyFileThatIterationShows() throws IOException {
        Path p = path("/file");
        try (FileChannel ch = open(p, CREATE, WRITE, READ)) {
            assertEquals(0, ch.size());
            assertTrue(Files.isRegularFile(p));
            assertEquals(0, Files.size(p));
            assertEquals(List.of("/file"), listed(root()));
            assertEquals(List.of("file"), children(root()));

            writeFully(ch, "abc".getBytes(StandardCharsets.US_ASCII));
            try (FileChannel again = open(p, CREATE, WRITE, READ)) {
                assertEquals(3, again.size(), "opening an existing file with CREATE neither truncates it nor resets its end");
                assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), readAt(again, 0, 10));
            }
        }
        assertEquals(List.of("file"), children(root()));
    }

    // SPDK test/unit/lib/blobfs/blobfs_async_ut fs_create (-EEXIST) and blobfs_sync_ut fs_create_sync
    @Test
    @DisplayName("fs_create: creating an existing name fails with FileAlreadyExistsException and leaves the file alone, even while it is open")
    void createNewOnAnExistingNameFails() throws IOException {
        Path p = path("/file");
        byte[] content = bytes(1000);
        Files.createFile(p);
        assertThrows(FileAlreadyExistsException.class, () -> Files.createFile(p));
        try (FileChannel ch = open(p, WRITE, READ)) {
            writeFully(ch, content);
            assertThrows(FileAlreadyExistsException.class, () -> open(p, CREATE_NEW, WRITE).close());
            assertThrows(FileAlreadyExistsException.class, () -> Files.createFile(p));
            assertEquals(content.length, ch.size());
        }
        assertArrayEquals(content, Files.readAllBytes(p));
        assertEquals(List.of("file"), children(root()));
    }

    // SPDK test/unit/lib/blobfs/blobfs_async_ut fs_create (create, delete)
    @Test
    @DisplayName("fs_create: a created file can be deleted once; deleting it again fails with NoSuchFileException")
    void createThenDelete() throws IOException {
        Path p = path("/file");
        Files.createFile(p);
        Files.delete(p);
        assertFalse(Files.exists(p));
        assertThrows(NoSuchFileException.class, () -> Files.delete(p));
        assertFalse(Files.deleteIfExists(p));
        assertEquals(List.of(), listed(root()));
    }

    // SPDK test/unit/lib/blobfs/blobfs_async_ut fs_open (iter first/next)
    @Test
    @DisplayName("Iteration lists every file exactly once, through Files.list and newDirectoryStream")
    void iterationListsEveryFileOnce() throws IOException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String name = String.format("%06d.sst", random().nextInt(1_000_000));
            if (!names.contains(name)) {
                names.add(name);
                Files.write(path("/" + name), bytes(random().nextInt(100)));
            }
        }
        names.sort(null);
        assertEquals(names, children(root()));
        assertEquals(names.stream().map(n -> "/" + n).toList(), listed(root()));
        try (var s = Files.newDirectoryStream(root(), "*.sst")) {
            int n = 0;
            for (Path ignored : s) {
                n++;
            }
            assertEquals(names.size(), n, "a glob filter");
        }
    }

    @Test
    @DisplayName("Opening a directory or the root as a file fails with an IOException")
    void openingADirectoryAsAFileFails() throws IOException {
        Files.createDirectories(path("/dir"));
        Files.createFile(path("/dir/file"));
        assertThrows(IOException.class, () -> open(path("/dir"), READ).close());
        assertThrows(IOException.class, () -> open(path("/dir"), CREATE, WRITE).close());
        assertThrows(IOException.class, () -> open(root(), READ).close());
        assertTrue(Files.isDirectory(path("/dir")));
        assertEquals(List.of("file"), children(path("/dir")));
    }

    @Test
    @DisplayName("Files.write replaces an existing file's contents (TRUNCATE_EXISTING), and writeString/readString round-trip")
    void filesWriteReplacesContents() throws IOException {
        Path p = path("/file");
        Files.write(p, bytes(5000));
        byte[] second = bytes(700);
        Files.write(p, second);
        assertArrayEquals(second, Files.readAllBytes(p));
        Files.writeString(p, "h\u00e9llo\n");
        assertEquals("h\u00e9llo\n", Files.readString(p));
        assertEquals(List.of("h\u00e9llo"), Files.readAllLines(p));
    }
}
