package io.github.blobds.blobfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.blobstore.BlobstoreOptions;
import io.github.blobds.sim.MemoryDevice;
import io.github.blobds.sim.SimBlobstore;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The blobfs module as a guide: SPDK's BlobFS through java.nio.file, the way a LevelDB Env uses it. */
class TutorialTest {

    @Test
    @DisplayName("Format a blobstore, use BlobFS through Files and FileChannel, and find it all again after a restart")
    void tutorial() throws IOException {
        // 1. A blobstore on a device. Here a 64 MiB memory device; FileDevice puts it in an image file,
        //    and an image written by blobds opens in SPDK BlobFS (bstype BLOBFS) and vice versa.
        MemoryDevice device = MemoryDevice.ofBytes(64 << 20, 4096);
        BlobstoreOptions options = BlobstoreOptions.defaults().withBstype(BlobFs.BSTYPE).withClusterSize(64 << 10);
        SimBlobstore blobstore = SimBlobstore.init(device, options);

        // 2. A file system over it, through the blobfs provider (or BlobFileSystem.open(blobstore, true)).
        //    With ownsBlobstore, closing the file system unloads the blobstore.
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("blobfs://guide/"), Map.of("blobstore", blobstore, "ownsBlobstore", true))) {

            // 3. Paths and the Files API work as usual. Directories are implied by names: no mkdir needed
            //    for a file, and an empty directory lasts only until the file system closes.
            Path db = fs.getPath("/db");
            Files.writeString(db.resolve("CURRENT"), "MANIFEST-000001\n");
            assertTrue(Files.isDirectory(db));

            // 4. Files are append-only. A channel writes at the end (APPEND, or its position at the end),
            //    reads anywhere, including appends not forced yet, and force() makes data and length durable.
            Path log = db.resolve("000003.log");
            try (FileChannel ch = FileChannel.open(log, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
                ch.write(ByteBuffer.wrap(bytes("put a=1;")));
                ch.write(ByteBuffer.wrap(bytes("put b=2;")));
                ByteBuffer back = ByteBuffer.allocate(8);
                ch.read(back, 8);
                assertEquals("put b=2;", new String(back.array(), StandardCharsets.UTF_8));
                assertThrows(IOException.class, () -> ch.write(ByteBuffer.wrap(bytes("x")), 0), "no overwrites");
                ch.force(true);
            }

            // 5. Move is atomic; with REPLACE_EXISTING it replaces the target in one step, durable on
            //    return: the way LevelDB installs a new CURRENT.
            Files.writeString(db.resolve("000004.dbtmp"), "MANIFEST-000004\n");
            Files.move(db.resolve("000004.dbtmp"), db.resolve("CURRENT"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

            // 6. Deleting an open file removes its name at once; the open channel keeps reading until closed.
            try (FileChannel reader = FileChannel.open(log, StandardOpenOption.READ)) {
                Files.copy(log, db.resolve("000005.log"));
                Files.delete(log);
                assertFalse(Files.exists(log));
                assertEquals(16, reader.size());
            }
            try (Stream<Path> files = Files.list(db)) {
                assertEquals(List.of("/db/000005.log", "/db/CURRENT"), files.map(Path::toString).sorted().toList());
            }

            // 7. What NIO has no name for, the engine answers: here the blob holding a file.
            BlobFileSystem blobFs = (BlobFileSystem) fs;
            assertTrue(blobFs.engine().blobstore().blobIds().contains(blobFs.engine().blobId("db/CURRENT")));
        }

        // 8. After a restart: load the blobstore from the same device, and everything forced, created,
        //    moved or deleted is as it was. (Closing a file system or a channel forces too.)
        try (BlobFileSystem fs = BlobFileSystem.open(SimBlobstore.load(device, options), true)) {
            assertEquals("MANIFEST-000004\n", Files.readString(fs.getPath("/db/CURRENT")));
            assertArrayEquals(bytes("put a=1;put b=2;"), Files.readAllBytes(fs.getPath("/db/000005.log")));
            assertFalse(Files.exists(fs.getPath("/db/000003.log")));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
