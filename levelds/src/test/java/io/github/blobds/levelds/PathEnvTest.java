package io.github.blobds.levelds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.InvalidArgumentException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.iq80.leveldb.env.DbLock;
import org.iq80.leveldb.env.File;
import org.iq80.leveldb.env.NoOpLogger;
import org.iq80.leveldb.env.RandomInputFile;
import org.iq80.leveldb.env.SequentialFile;
import org.iq80.leveldb.env.WritableFile;
import org.iq80.leveldb.fileenv.EnvImpl;
import org.iq80.leveldb.util.DynamicSliceOutput;
import org.iq80.leveldb.util.Slices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PathEnv}: the file operations LevelDB asks of a file system, one by one. */
class PathEnvTest {

    @TempDir
    Path tmp;

    private PathEnv env;

    @BeforeEach
    void env() {
        env = PathEnv.of(tmp.getFileSystem());
    }

    private File file(String name) {
        return env.toFile(tmp.resolve(name));
    }

    private static org.iq80.leveldb.util.Slice slice(String s) {
        return Slices.wrappedBuffer(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    @Nested
    @DisplayName("Writing")
    class Writing {

        @Test
        @DisplayName("A writable file only appends, and force makes it durable")
        void appendOnly() throws IOException {
            try (WritableFile w = env.newWritableFile(file("000001.log"))) {
                w.append(slice("hello "));
                w.force();
                w.append(slice("world"));
                w.force();
                assertEquals("hello world", text(tmp.resolve("000001.log")), "appended data is readable before close");
            }
            assertEquals(11, file("000001.log").length());
        }

        @Test
        @DisplayName("A new writable file replaces an old one by delete and create, never by truncation")
        void replaceIsDeleteAndCreate() throws IOException {
            Path p = Files.writeString(tmp.resolve("000002.ldb"), "old content that is longer");
            try (FileChannel old = FileChannel.open(p, StandardOpenOption.READ)) {
                try (WritableFile w = env.newWritableFile(file("000002.ldb"))) {
                    w.append(slice("new"));
                }
                assertEquals("new", text(p));
                ByteBuffer b = ByteBuffer.allocate(64);
                old.read(b, 0);
                assertEquals("old content that is longer", new String(b.array(), 0, b.position(), StandardCharsets.UTF_8),
                        "the old file lives on, untouched, for whoever has it open: it was replaced, not truncated");
            }
        }

        @Test
        @DisplayName("An appendable file continues an existing one, or creates it")
        void appendable() throws IOException {
            Files.writeString(tmp.resolve("000003.log"), "abc");
            try (WritableFile w = env.newAppendableFile(file("000003.log"))) {
                w.append(slice("def"));
            }
            assertEquals("abcdef", text(tmp.resolve("000003.log")));
            try (WritableFile w = env.newAppendableFile(file("000004.log"))) {
                w.append(slice("x"));
            }
            assertEquals("x", text(tmp.resolve("000004.log")));
        }

        @Test
        @DisplayName("A manifest's first force also forces its directory; the string helpers replace whole files")
        void manifestAndStrings() throws IOException {
            try (WritableFile w = env.newWritableFile(file("MANIFEST-000005"))) {
                w.append(slice("edit"));
                w.force();
                w.force();
                assertTrue(w.toString().contains("MANIFEST-000005"));
            }
            env.writeStringToFileSync(file("CURRENT"), "MANIFEST-000005\n");
            env.writeStringToFileSync(file("CURRENT"), "MANIFEST-000006\n");
            assertEquals("MANIFEST-000006\n", env.readFileToString(file("CURRENT")));
        }
    }

    @Nested
    @DisplayName("Reading")
    class Reading {

        private Path data;

        @BeforeEach
        void data() throws IOException {
            data = Files.writeString(tmp.resolve("data"), "0123456789");
        }

        @Test
        @DisplayName("A sequential file reads in order, skips, and reports the end as -1")
        void sequential() throws IOException {
            try (SequentialFile s = env.newSequentialFile(file("data"))) {
                DynamicSliceOutput out = new DynamicSliceOutput(16);
                assertEquals(3, s.read(3, out));
                s.skip(2);
                assertEquals(5, s.read(100, out));
                assertEquals("01256789", out.slice().toString(StandardCharsets.UTF_8));
                assertEquals(-1, s.read(4, out));
                assertThrows(IOException.class, () -> s.skip(-1));
                assertThrows(IOException.class, () -> s.skip(1), "no skipping past the end");
                assertTrue(s.toString().contains("data"));
            }
            assertThrows(IOException.class, () -> env.newSequentialFile(file("missing")));
        }

        @Test
        @DisplayName("A random-access file reads at any offset, from many threads, and refuses reads past its end")
        void randomAccess() throws Exception {
            try (RandomInputFile r = env.newRandomAccessFile(file("data"))) {
                assertEquals(10, r.size());
                ByteBuffer b = r.read(7, 3);
                assertEquals("789", StandardCharsets.UTF_8.decode(b).toString());
                assertEquals("012", StandardCharsets.UTF_8.decode(r.read(0, 3)).toString());
                IOException e = assertThrows(IOException.class, () -> r.read(8, 5));
                assertTrue(e.getMessage().contains(data.toString()), e.getMessage());
                Thread[] readers = new Thread[4];
                String[] got = new String[readers.length];
                for (int i = 0; i < readers.length; i++) {
                    int n = i;
                    readers[i] = new Thread(() -> {
                        try {
                            got[n] = StandardCharsets.UTF_8.decode(r.read(n, 2)).toString();
                        } catch (IOException ex) {
                            got[n] = ex.toString();
                        }
                    });
                    readers[i].start();
                }
                for (Thread t : readers) {
                    t.join();
                }
                assertArrayEquals(new String[] {"01", "12", "23", "34"}, got);
                assertTrue(r.toString().contains("10 bytes"));
            }
            assertThrows(IOException.class, () -> env.newRandomAccessFile(file("missing")));
        }

        @Test
        @DisplayName("An interrupted reader fails without closing the file for the others; a closed file fails")
        void interrupted() throws IOException {
            RandomInputFile r = env.newRandomAccessFile(file("data"));
            Thread.currentThread().interrupt();
            try {
                assertThrows(ClosedByInterruptException.class, () -> r.read(0, 1));
            } finally {
                Thread.interrupted();
            }
            assertEquals("0", StandardCharsets.UTF_8.decode(r.read(0, 1)).toString());
            r.close();
            r.close();
            assertThrows(IOException.class, () -> r.read(0, 1));
        }
    }

    @Nested
    @DisplayName("Files and directories")
    class FilesAndDirectories {

        @Test
        @DisplayName("Rename replaces an existing target, as installing CURRENT needs")
        void renameReplaces() throws IOException {
            Files.writeString(tmp.resolve("000007.dbtmp"), "MANIFEST-000007\n");
            Files.writeString(tmp.resolve("CURRENT"), "MANIFEST-000001\n");
            assertTrue(file("000007.dbtmp").renameTo(file("CURRENT")));
            assertEquals("MANIFEST-000007\n", text(tmp.resolve("CURRENT")));
            assertFalse(file("000007.dbtmp").exists());
            assertFalse(file("missing").renameTo(file("other")), "a missing source");
            assertFalse(file("CURRENT").renameTo(EnvImpl.createEnv().toFile(tmp.resolve("y").toString())), "a file of another Env");
        }

        @Test
        @DisplayName("Listing, creating and deleting directories and files")
        void directories() throws IOException {
            File dir = file("db");
            assertFalse(dir.exists());
            assertTrue(dir.mkdirs());
            assertFalse(dir.mkdirs(), "already there");
            assertTrue(dir.isDirectory());
            assertFalse(dir.isFile());
            Files.writeString(tmp.resolve("db/a"), "1");
            Files.writeString(tmp.resolve("db/b"), "22");
            File a = dir.child("a");
            assertTrue(a.isFile() && a.canRead() && a.exists());
            assertEquals(2, dir.child("b").length());
            assertEquals(0, dir.child("none").length());
            assertEquals(List.of("a", "b"), dir.listFiles().stream().map(File::getName).sorted().toList());
            assertEquals(List.of(), a.listFiles(), "a file has no children");
            assertEquals(dir, a.getParentFile());
            assertEquals(tmp.resolve("db/a").toString(), a.getPath());
            assertEquals(a.getPath(), a.toString());
            assertEquals(a, env.toFile(tmp.resolve("db").resolve("a")));
            assertEquals(a.hashCode(), env.toFile(tmp.resolve("db/a")).hashCode());
            assertFalse(dir.delete(), "not empty");
            assertTrue(a.delete());
            assertFalse(a.delete(), "already gone");
            Files.createDirectories(tmp.resolve("db/sub/deeper"));
            Files.writeString(tmp.resolve("db/sub/deeper/c"), "3");
            assertTrue(dir.deleteRecursively());
            assertFalse(dir.exists());
            assertTrue(dir.deleteRecursively(), "nothing left to delete");
        }

        @Test
        @DisplayName("A directory cannot be created under a regular file")
        void mkdirsUnderFile() throws IOException {
            Files.writeString(tmp.resolve("plain"), "x");
            assertFalse(file("plain").child("sub").mkdirs());
            assertEquals("", env.toFile(tmp.getRoot()).getName());
            assertNull(env.toFile(tmp.getRoot()).getParentFile());
        }

        @Test
        @DisplayName("A temporary directory comes from the Env's file system")
        void tempDir() {
            File t = env.createTempDir("levelds-test");
            try {
                assertTrue(t.isDirectory() && t.getName().startsWith("levelds-test"));
            } finally {
                assertTrue(t.deleteRecursively());
            }
        }
    }

    @Nested
    @DisplayName("Locking")
    class Locking {

        @Test
        @DisplayName("The lock file is held exclusively until released, then can be taken again")
        void exclusive() throws IOException {
            DbLock lock = env.tryLock(file("LOCK"));
            assertTrue(lock.isValid());
            IOException e = assertThrows(IOException.class, () -> env.tryLock(file("LOCK")));
            assertTrue(e.getMessage().contains("LOCK"), e.getMessage());
            assertThrows(IOException.class, () -> PathEnv.of(tmp.getFileSystem()).tryLock(env.toFile(tmp.resolve("x/../LOCK"))),
                    "another Env, another spelling of the same path");
            assertTrue(lock.toString().contains("held"));
            lock.release();
            assertFalse(lock.isValid());
            lock.release();
            assertEquals(0, Files.size(tmp.resolve("LOCK")), "the lock file is never written");
            DbLock again = env.tryLock(file("LOCK"));
            assertTrue(again.isValid());
            again.release();
        }

        @Test
        @DisplayName("A lock the operating system already grants on the file makes taking it fail")
        void heldThroughTheOs() throws IOException {
            Path p = tmp.resolve("LOCK");
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = ch.lock()) {
                assertTrue(held.isValid());
                IOException e = assertThrows(IOException.class, () -> env.tryLock(file("LOCK")));
                assertTrue(e.getMessage().contains("already held"), e.getMessage());
            }
            env.tryLock(file("LOCK")).release();
        }

        @Test
        @DisplayName("A lock file that cannot be created fails")
        void cannotCreate() {
            assertThrows(IOException.class, () -> env.tryLock(file("no/such/dir/LOCK")));
        }
    }

    @Nested
    @DisplayName("The Env itself")
    class TheEnv {

        @Test
        @DisplayName("Resolves names in its file system, refuses others' files, logs nowhere, counts time")
        void basics() throws Exception {
            assertSame(tmp.getFileSystem(), env.fileSystem());
            assertEquals(env.toFile(tmp.resolve("a")), env.toFile(tmp.resolve("a").toString()));
            assertInstanceOf(NoOpLogger.class, env.newLogger(file("LOG")));
            assertFalse(Files.exists(tmp.resolve("LOG")));
            long t = env.nowMicros();
            assertTrue(env.nowMicros() >= t);
            assertTrue(env.toString().contains("PathEnv"));
            assertThrows(InvalidArgumentException.class, () -> PathEnv.of(null));
            assertThrows(InvalidArgumentException.class, () -> env.toFile((Path) null));
            File foreign = EnvImpl.createEnv().toFile(tmp.resolve("x").toString());
            assertThrows(IllegalArgumentException.class, () -> env.newSequentialFile(foreign));
            try (FileSystem zip = FileSystems.newFileSystem(tmp.resolve("z.zip"), Map.of("create", "true"))) {
                Path other = zip.getPath("/x");
                assertThrows(InvalidArgumentException.class, () -> env.toFile(other));
                File otherFile = PathEnv.of(zip).toFile(other);
                assertThrows(IllegalArgumentException.class, () -> env.newWritableFile(otherFile));
                assertFalse(file("a").renameTo(otherFile), "no rename across file systems");
                File zipTemp = PathEnv.of(zip).createTempDir("t");
                assertTrue(zipTemp.isDirectory());
            }
        }
    }
}
