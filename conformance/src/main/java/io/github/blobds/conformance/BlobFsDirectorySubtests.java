package io.github.blobds.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Directories, which BlobFS does not store (its names are flat, {@code /} is an ordinary character):
 * a directory exists while a file lies below it, or after {@code createDirectory} until the file system
 * closes. And the basic attributes.
 */
abstract class BlobFsDirectorySubtests extends BlobFsSubtests {

    @Test
    @DisplayName("createDirectories makes a tree that exists until the file system closes; empty directories are not stored")
    void emptyDirectoriesLastUntilClose() throws Exception {
        Files.createDirectories(path("/a/b/c"));
        assertTrue(Files.isDirectory(path("/a")));
        assertTrue(Files.isDirectory(path("/a/b")));
        assertTrue(Files.isDirectory(path("/a/b/c")));
        assertEquals(List.of("b"), children(path("/a")));
        assertEquals(List.of(), children(path("/a/b/c")));
        Files.createDirectories(path("/a/b/c"));
        reopen();
        assertFalse(Files.exists(path("/a")));
        assertEquals(List.of(), children(root()));
    }

    @Test
    @DisplayName("A file implies its parent directories, which last as long as it does, across reopen too")
    void filesImplyTheirDirectories() throws Exception {
        create(path("/x/y/z.sst"), bytes(10));
        assertTrue(Files.isDirectory(path("/x")));
        assertTrue(Files.isDirectory(path("/x/y")));
        assertEquals(List.of("x"), children(root()));
        assertEquals(List.of("z.sst"), children(path("/x/y")));
        reopen();
        assertTrue(Files.isDirectory(path("/x/y")));
        assertEquals(List.of("z.sst"), children(path("/x/y")));
        Files.delete(path("/x/y/z.sst"));
        assertFalse(Files.exists(path("/x/y")));
        assertFalse(Files.exists(path("/x")));
        assertEquals(List.of(), children(root()));
    }

    @Test
    @DisplayName("An explicitly created directory outlives its last file until the file system closes")
    void createdDirectoryOutlivesItsFiles() throws Exception {
        Files.createDirectory(path("/d"));
        create(path("/d/f"), bytes(1));
        Files.delete(path("/d/f"));
        assertTrue(Files.isDirectory(path("/d")));
        Files.delete(path("/d"));
        assertFalse(Files.exists(path("/d")));
    }

    @Test
    @DisplayName("newDirectoryStream lists direct children only, files and subdirectories each once, and honours a glob")
    void directoryStreamListsDirectChildren() throws IOException {
        for (String f : List.of("/d/f1", "/d/f2.log", "/d/sub/f3", "/d/sub/f4", "/d/sub/deeper/f5", "/d2/f6")) {
            create(path(f), bytes(3));
        }
        Files.createDirectory(path("/d/empty"));
        assertEquals(List.of("empty", "f1", "f2.log", "sub"), children(path("/d")));
        assertEquals(List.of("d", "d2"), children(root()));
        assertEquals(List.of("/d/sub/deeper", "/d/sub/f3", "/d/sub/f4"), listed(path("/d/sub")));
        List<String> logs = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(path("/d"), "*.log")) {
            s.forEach(p -> logs.add(p.getFileName().toString()));
        }
        assertEquals(List.of("f2.log"), logs);
        try (var walk = Files.walk(path("/d"))) {
            assertEquals(List.of("/d", "/d/empty", "/d/f1", "/d/f2.log", "/d/sub", "/d/sub/deeper", "/d/sub/deeper/f5", "/d/sub/f3", "/d/sub/f4"),
                    walk.map(Path::toString).sorted().toList());
        }
    }

    @Test
    @DisplayName("Deleting a directory that holds files fails with DirectoryNotEmptyException; an empty one can be deleted")
    void deletingDirectories() throws IOException {
        create(path("/d/f"), bytes(1));
        assertThrows(DirectoryNotEmptyException.class, () -> Files.delete(path("/d")));
        Files.createDirectories(path("/e/sub"));
        assertThrows(DirectoryNotEmptyException.class, () -> Files.delete(path("/e")));
        Files.delete(path("/e/sub"));
        Files.delete(path("/e"));
        assertFalse(Files.exists(path("/e")));
        assertTrue(Files.exists(path("/d/f")));
        assertThrows(NoSuchFileException.class, () -> Files.delete(path("/nothing")));
    }

    @Test
    @DisplayName("createDirectory fails on an existing file or directory and under a missing parent; createDirectories tolerates existing directories")
    void createDirectoryErrors() throws IOException {
        create(path("/file"), bytes(1));
        Files.createDirectory(path("/dir"));
        assertThrows(FileAlreadyExistsException.class, () -> Files.createDirectory(path("/file")));
        assertThrows(FileAlreadyExistsException.class, () -> Files.createDirectory(path("/dir")));
        assertThrows(FileAlreadyExistsException.class, () -> Files.createDirectory(root()));
        assertThrows(NoSuchFileException.class, () -> Files.createDirectory(path("/missing/child")));
        assertThrows(IOException.class, () -> Files.createDirectories(path("/file/child")));
        Files.createDirectories(path("/dir"));
        assertTrue(Files.isRegularFile(path("/file")));
    }

    @Test
    @DisplayName("Listing a file as a directory fails with NotDirectoryException, a missing directory with NoSuchFileException")
    void listingErrors() throws IOException {
        create(path("/file"), bytes(1));
        assertThrows(NotDirectoryException.class, () -> Files.newDirectoryStream(path("/file")).close());
        assertThrows(NoSuchFileException.class, () -> Files.newDirectoryStream(path("/missing")).close());
    }

    @Test
    @DisplayName("A file cannot be created or moved below a regular file: a path is a file or a directory, never both")
    void noFileBelowAFile() throws IOException {
        create(path("/file"), bytes(1));
        create(path("/other"), bytes(2));
        assertThrows(IOException.class, () -> Files.createFile(path("/file/child")));
        assertThrows(IOException.class, () -> open(path("/file/child"), CREATE, WRITE).close());
        assertThrows(IOException.class, () -> Files.move(path("/other"), path("/file/child")));
        assertTrue(Files.isRegularFile(path("/file")));
        assertTrue(Files.isRegularFile(path("/other")));
        assertEquals(List.of("file", "other"), children(root()));
    }

    @Test
    @DisplayName("Attributes: size, isRegularFile and isDirectory of files, directories and the root; a missing path throws NoSuchFileException")
    void attributes() throws IOException {
        byte[] data = bytes(12_345);
        create(path("/dir/file"), data);
        BasicFileAttributes file = Files.readAttributes(path("/dir/file"), BasicFileAttributes.class);
        assertEquals(12_345, file.size());
        assertTrue(file.isRegularFile());
        assertFalse(file.isDirectory());
        assertFalse(file.isSymbolicLink());
        assertFalse(file.isOther());
        BasicFileAttributes dir = Files.readAttributes(path("/dir"), BasicFileAttributes.class);
        assertTrue(dir.isDirectory());
        assertFalse(dir.isRegularFile());
        assertTrue(Files.isDirectory(root()));
        assertTrue(Files.exists(root()));
        assertFalse(Files.isRegularFile(root()));

        Map<String, Object> some = Files.readAttributes(path("/dir/file"), "size,isRegularFile,isDirectory");
        assertEquals(Map.of("size", 12_345L, "isRegularFile", true, "isDirectory", false), some);
        assertEquals(12_345L, Files.getAttribute(path("/dir/file"), "basic:size"));

        assertThrows(NoSuchFileException.class, () -> Files.readAttributes(path("/dir/missing"), BasicFileAttributes.class));
        assertFalse(Files.isRegularFile(path("/dir/missing")));
        assertFalse(Files.isDirectory(path("/dir/missing")));

        try (FileChannel ch = open(path("/dir/file"), APPEND)) {
            writeFully(ch, bytes(5));
            assertEquals(12_350, Files.readAttributes(path("/dir/file"), BasicFileAttributes.class).size(), "the size counts unforced appends");
        }
    }
}
