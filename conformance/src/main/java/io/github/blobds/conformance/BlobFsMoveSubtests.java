package io.github.blobds.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SPDK's fs_rename, fs_rename_sync and fs_delete_file_without_close through Files.move, Files.copy and Files.delete. */
abstract class BlobFsMoveSubtests extends BlobFsSubtests {

    static final StandardCopyOption REPLACE = StandardCopyOption.REPLACE_EXISTING;

    // SPDK test/unit/lib/blobfs/blobfs_async_ut fs_rename
    @Test
    @DisplayName("fs_rename: a move over an existing file with REPLACE_EXISTING replaces it; a single file is left and the old name is gone")
    void renameOverAnExistingFile() throws Exception {
        byte[] source = bytes(5000);
        create(path("/file1"), source);
        create(path("/file2"), bytes(7000));
        Files.move(path("/file1"), path("/file2"), REPLACE);
        assertEquals(List.of("file2"), children(root()));
        assertArrayEquals(source, Files.readAllBytes(path("/file2")));
        Files.move(path("/file2"), path("/file3"));
        assertEquals(List.of("file3"), children(root()));
        assertThrows(NoSuchFileException.class, () -> Files.delete(path("/file1")));
        assertThrows(NoSuchFileException.class, () -> Files.delete(path("/file2")));
        reopen();
        assertEquals(List.of("file3"), children(root()));
        assertArrayEquals(source, Files.readAllBytes(path("/file3")));
    }

    @Test
    @DisplayName("Without REPLACE_EXISTING a move onto an existing file fails with FileAlreadyExistsException and changes nothing (SPDK's rename always replaces)")
    void moveWithoutReplaceKeepsBoth() throws IOException {
        byte[] a = bytes(100);
        byte[] b = bytes(200);
        create(path("/a"), a);
        create(path("/b"), b);
        assertThrows(FileAlreadyExistsException.class, () -> Files.move(path("/a"), path("/b")));
        assertArrayEquals(a, Files.readAllBytes(path("/a")));
        assertArrayEquals(b, Files.readAllBytes(path("/b")));
    }

    @Test
    @DisplayName("Moving a missing source fails with NoSuchFileException and the target survives (SPDK deletes the target first)")
    void movingAMissingSourceKeepsTheTarget() throws Exception {
        byte[] b = bytes(300);
        create(path("/b"), b);
        assertThrows(NoSuchFileException.class, () -> Files.move(path("/missing"), path("/b"), REPLACE));
        assertThrows(NoSuchFileException.class, () -> Files.move(path("/missing"), path("/c")));
        assertArrayEquals(b, Files.readAllBytes(path("/b")));
        reopen();
        assertEquals(List.of("b"), children(root()));
        assertArrayEquals(b, Files.readAllBytes(path("/b")));
    }

    @Test
    @DisplayName("Moving a file to its own name changes nothing, with or without REPLACE_EXISTING (SPDK deletes it and returns -ENOENT)")
    void movingAFileToItself() throws Exception {
        byte[] a = bytes(300);
        create(path("/a"), a);
        Files.move(path("/a"), path("/a"));
        Files.move(path("/a"), path("/a"), REPLACE);
        assertArrayEquals(a, Files.readAllBytes(path("/a")));
        reopen();
        assertArrayEquals(a, Files.readAllBytes(path("/a")));
    }

    @Test
    @DisplayName("ATOMIC_MOVE is supported, and a file can move into another directory; the directory it left goes with its last file")
    void atomicMoveAcrossDirectories() throws Exception {
        byte[] a = bytes(4097);
        create(path("/db/000003.dbtmp"), a);
        create(path("/db/CURRENT"), bytes(16));
        Files.move(path("/db/000003.dbtmp"), path("/db/CURRENT"), StandardCopyOption.ATOMIC_MOVE, REPLACE);
        Files.move(path("/db/CURRENT"), path("/archive/CURRENT"), StandardCopyOption.ATOMIC_MOVE);
        assertFalse(Files.exists(path("/db")), "an implied directory goes with its last file");
        assertEquals(List.of("archive"), children(root()));
        reopen();
        assertArrayEquals(a, Files.readAllBytes(path("/archive/CURRENT")));
    }

    @Test
    @DisplayName("A move onto a directory fails with an IOException and changes nothing")
    void moveOntoADirectoryFails() throws IOException {
        byte[] a = bytes(10);
        create(path("/a"), a);
        Files.createDirectory(path("/empty"));
        create(path("/full/x"), bytes(1));
        assertThrows(IOException.class, () -> Files.move(path("/a"), path("/empty")));
        assertThrows(IOException.class, () -> Files.move(path("/a"), path("/full"), REPLACE));
        assertArrayEquals(a, Files.readAllBytes(path("/a")));
        assertTrue(Files.isDirectory(path("/empty")));
        assertEquals(List.of("x"), children(path("/full")));
    }

    // SPDK test/unit/lib/blobfs/blobfs_sync_ut fs_rename_sync
    @Test
    @DisplayName("fs_rename_sync: a file renamed while open keeps working through its channel, and reads through the new name see every append")
    void renameWhileOpen() throws Exception {
        byte[] x = bytes(6000);
        byte[] y = bytes(3000);
        try (FileChannel ch = open(path("/old"), CREATE_NEW, WRITE, READ)) {
            writeFully(ch, x);
            Files.move(path("/old"), path("/new"));
            assertFalse(Files.exists(path("/old")));
            writeFully(ch, y);
            assertArrayEquals(concat(x, y), readAt(ch, 0, 20_000));
            assertEquals(x.length + y.length, Files.size(path("/new")));
            assertArrayEquals(concat(x, y), Files.readAllBytes(path("/new")));
            ch.force(true);
        }
        assertEquals(List.of("new"), children(root()));
        reopen();
        assertArrayEquals(concat(x, y), Files.readAllBytes(path("/new")));
        assertEquals(List.of("new"), children(root()));
    }

    @Test
    @DisplayName("Replacing a file that is open leaves its channel on the old contents; the new contents own the name, also after that channel closes and after reopen")
    void replacingAnOpenFile() throws Exception {
        byte[] oldB = bytes(5000);
        byte[] a = bytes(2000);
        create(path("/b"), oldB);
        create(path("/a"), a);
        try (FileChannel old = open(path("/b"), READ)) {
            Files.move(path("/a"), path("/b"), REPLACE);
            assertArrayEquals(oldB, readAt(old, 0, 10_000));
            assertArrayEquals(a, Files.readAllBytes(path("/b")));
        }
        assertArrayEquals(a, Files.readAllBytes(path("/b")));
        assertEquals(List.of("b"), children(root()));
        reopen();
        assertArrayEquals(a, Files.readAllBytes(path("/b")));
        assertEquals(List.of("b"), children(root()));
    }

    // SPDK test/unit/lib/blobfs/blobfs_sync_ut fs_delete_file_without_close; blobfs_async_ut fs_open (deferred delete)
    @Test
    @DisplayName("fs_delete_file_without_close: a file deleted while open loses its name at once, its channel keeps working, and it stays gone after close and reopen (SPDK keeps listing it until the last close)")
    void deleteWhileOpen() throws Exception {
        byte[] x = bytes(5000);
        byte[] y = bytes(100);
        Path p = path("/file");
        try (FileChannel ch = open(p, CREATE_NEW, WRITE, READ); FileChannel second = open(p, READ)) {
            writeFully(ch, x);
            Files.delete(p);
            assertFalse(Files.exists(p));
            assertEquals(List.of(), children(root()));
            assertThrows(NoSuchFileException.class, () -> open(p, READ).close());
            assertThrows(NoSuchFileException.class, () -> Files.size(p));
            assertThrows(NoSuchFileException.class, () -> Files.delete(p));
            assertArrayEquals(x, readAt(ch, 0, 10_000));
            writeFully(ch, y);
            ch.force(true);
            assertArrayEquals(concat(x, y), readAt(second, 0, 10_000), "every channel on the deleted file keeps working");
        }
        assertFalse(Files.exists(p));
        reopen();
        assertFalse(Files.exists(path("/file")));
        assertEquals(List.of(), children(root()));
    }

    @Test
    @DisplayName("A new file may take the name of a file deleted while open; the two stay separate (SPDK refuses the name until the last close)")
    void newFileTakesTheNameOfADeletedOpenFile() throws Exception {
        byte[] old = bytes(3000);
        byte[] fresh = bytes(1000);
        Path p = path("/file");
        create(p, old);
        try (FileChannel ch = open(p, READ)) {
            Files.delete(p);
            create(p, fresh);
            assertArrayEquals(old, readAt(ch, 0, 10_000));
            assertArrayEquals(fresh, Files.readAllBytes(p));
        }
        assertArrayEquals(fresh, Files.readAllBytes(p));
        reopen();
        assertArrayEquals(fresh, Files.readAllBytes(path("/file")));
        assertEquals(List.of("file"), children(root()));
    }

    @Test
    @DisplayName("Files.copy duplicates a file into an independent one; an existing target needs REPLACE_EXISTING")
    void copy() throws Exception {
        byte[] a = bytes(100_000);
        byte[] b = bytes(10);
        create(path("/a"), a);
        create(path("/b"), b);
        Files.copy(path("/a"), path("/c"));
        assertArrayEquals(a, Files.readAllBytes(path("/c")));
        assertThrows(FileAlreadyExistsException.class, () -> Files.copy(path("/a"), path("/b")));
        assertArrayEquals(b, Files.readAllBytes(path("/b")));
        Files.copy(path("/a"), path("/b"), REPLACE);
        assertArrayEquals(a, Files.readAllBytes(path("/b")));
        try (FileChannel ch = open(path("/c"), APPEND)) {
            writeFully(ch, bytes(5));
        }
        assertArrayEquals(a, Files.readAllBytes(path("/a")), "appending to the copy leaves the source alone");
        reopen();
        assertArrayEquals(a, Files.readAllBytes(path("/a")));
        assertArrayEquals(a, Files.readAllBytes(path("/b")));
        assertEquals(a.length + 5, Files.size(path("/c")));
    }

    @Test
    @DisplayName("Copying a file onto itself changes nothing, with or without REPLACE_EXISTING (Files.copy's contract)")
    void copyOntoItself() throws IOException {
        byte[] a = bytes(1000);
        create(path("/a"), a);
        Files.copy(path("/a"), path("/a"), REPLACE);
        assertArrayEquals(a, Files.readAllBytes(path("/a")));
        Files.copy(path("/a"), path("/a"));
        assertArrayEquals(a, Files.readAllBytes(path("/a")));
    }

    @Test
    @DisplayName("Files.copy from an InputStream makes a new file, and to an OutputStream reads one whole")
    void copyWithStreams() throws IOException {
        byte[] a = bytes(300_000);
        assertEquals(a.length, Files.copy(new ByteArrayInputStream(a), path("/in")));
        assertThrows(FileAlreadyExistsException.class, () -> Files.copy(new ByteArrayInputStream(a), path("/in")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(a.length, Files.copy(path("/in"), out));
        assertArrayEquals(a, out.toByteArray());
    }
}
