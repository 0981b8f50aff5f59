package io.github.blobds.blobfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.blobstore.Blob;
import io.github.blobds.blobstore.BlobstoreOptions;
import io.github.blobds.sim.MemoryDevice;
import io.github.blobds.sim.SimBlobstore;
import io.github.blobds.sim.SimulatedDevice;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlobFileSystemTest {

    static final BlobstoreOptions OPTS = BlobstoreOptions.defaults().withBstype("BLOBFS").withClusterSize(64 << 10);

    static BlobFileSystem fresh(MemoryDevice dev) throws IOException {
        return BlobFileSystem.open(SimBlobstore.init(dev, OPTS), true);
    }

    static BlobFileSystem reload(MemoryDevice dev) throws IOException {
        return BlobFileSystem.open(SimBlobstore.load(dev, OPTS), true);
    }

    @Test
    void appendReadForceAndReload() throws IOException {
        MemoryDevice dev = MemoryDevice.ofBytes(32 << 20, 4096);
        byte[] data = new byte[300_001];
        new Random(1).nextBytes(data);
        try (BlobFileSystem fs = fresh(dev)) {
            Path p = fs.getPath("/dir/file1");
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
                ch.write(ByteBuffer.wrap(data, 0, 5000));
                ch.write(ByteBuffer.wrap(data, 5000, data.length - 5000));
                ByteBuffer back = ByteBuffer.allocate(100);
                ch.read(back, 4990);
                assertArrayEquals(java.util.Arrays.copyOfRange(data, 4990, 5090), back.array(), "reads see unforced appends");
                IOException e = assertThrows(IOException.class, () -> ch.write(ByteBuffer.wrap(data, 0, 10), 7));
                assertTrue(e.getMessage().contains("offset 7") && e.getMessage().contains(String.valueOf(data.length)), e::getMessage);
                ch.force(true);
            }
            assertEquals(data.length, Files.size(p));
            assertTrue(Files.isDirectory(fs.getPath("/dir")));
        }
        try (BlobFileSystem fs = reload(dev)) {
            assertArrayEquals(data, Files.readAllBytes(fs.getPath("/dir/file1")));
            try (FileChannel ch = FileChannel.open(fs.getPath("/dir/file1"), StandardOpenOption.APPEND)) {
                ch.write(ByteBuffer.wrap("tail".getBytes(StandardCharsets.US_ASCII)));
            }
            assertEquals(data.length + 4, Files.size(fs.getPath("/dir/file1")));
        }
        try (BlobFileSystem fs = reload(dev)) {
            byte[] all = Files.readAllBytes(fs.getPath("/dir/file1"));
            assertEquals("tail", new String(all, data.length, 4, StandardCharsets.US_ASCII), "close forces");
        }
    }

    // reference §4.1 golden bytes: "dir/file1" after a 5000-byte write: name xattr with NUL, length 5000 LE
    @Test
    void readingCostsNoDeviceFlushWritingStillForces() throws IOException {
        // A flatfs get opens, reads and closes a file; closing a channel that wrote nothing must not flush
        // the device (it did, and made random 256 KiB gets on a FileDevice 14× slower than the local disk).
        SimulatedDevice dev = new SimulatedDevice(MemoryDevice.ofBytes(32 << 20, 4096), 1);
        try (BlobFileSystem fs = BlobFileSystem.open(SimBlobstore.init(dev, OPTS), true)) {
            Path p = fs.getPath("/block");
            byte[] data = new byte[10_000];
            new Random(3).nextBytes(data);
            Files.write(p, data);
            assertEquals(0, dev.unflushedWrites(), "a closed written file is durable");
            long flushes = dev.stats().flushes();
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(data, Files.readAllBytes(p));
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                    ch.force(true); // nothing written through it: nothing to flush
                }
            }
            assertEquals(flushes, dev.stats().flushes(), "reads and empty forces flushed the device");
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
                ch.force(true);
                assertTrue(dev.stats().flushes() > flushes, "a force after a write flushes");
                assertEquals(0, dev.unflushedWrites());
                flushes = dev.stats().flushes();
            }
            assertEquals(flushes, dev.stats().flushes(), "closing after a force has nothing left to flush");
            assertEquals(data.length + 3, Files.size(p));
        }
    }

    @Test
    void onDiskFormatMatchesSpdkBlobFs() throws IOException {
        MemoryDevice dev = MemoryDevice.ofBytes(32 << 20, 4096);
        SimBlobstore bs = SimBlobstore.init(dev, BlobstoreOptions.defaults().withBstype("BLOBFS"));
        try (BlobFileSystem fs = BlobFileSystem.open(bs, false)) {
            Files.write(fs.getPath("/dir/file1"), new byte[5000]);
            try (Blob blob = bs.open(fs.engine().blobId("dir/file1"))) {
                assertEquals(java.util.List.of("name", "length"), blob.xattrNames());
                assertArrayEquals("dir/file1\0".getBytes(StandardCharsets.US_ASCII), blob.getXattr("name"));
                assertArrayEquals(new byte[] {(byte) 0x88, 0x13, 0, 0, 0, 0, 0, 0}, blob.getXattr("length"));
                assertEquals(1, blob.numClusters());
                assertFalse(blob.isThinProvisioned());
            }
        }
        assertEquals("BLOBFS", bs.bstype());
        bs.close();
    }

    @Test
    void moveReplacesAtomicallyAndDeleteWhileOpen() throws IOException {
        MemoryDevice dev = MemoryDevice.ofBytes(32 << 20, 4096);
        try (BlobFileSystem fs = fresh(dev)) {
            Path current = fs.getPath("/CURRENT");
            Path tmp = fs.getPath("/000003.dbtmp");
            Files.writeString(current, "MANIFEST-000001\n");
            Files.writeString(tmp, "MANIFEST-000004\n");
            assertThrows(FileAlreadyExistsException.class, () -> Files.move(tmp, current));
            Files.move(tmp, current, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertEquals("MANIFEST-000004\n", Files.readString(current));
            assertFalse(Files.exists(tmp));

            Path doomed = fs.getPath("/doomed");
            Files.writeString(doomed, "bye");
            FileChannel open = FileChannel.open(doomed, StandardOpenOption.READ);
            Files.delete(doomed);
            assertFalse(Files.exists(doomed));
            ByteBuffer b = ByteBuffer.allocate(3);
            open.read(b, 0);
            assertEquals("bye", new String(b.array(), StandardCharsets.US_ASCII), "an open channel keeps working");
            Files.writeString(doomed, "new");
            open.close();
            assertEquals("new", Files.readString(doomed));
            assertThrows(NoSuchFileException.class, () -> Files.delete(fs.getPath("/missing")));
        }
        try (BlobFileSystem fs = reload(dev)) {
            assertEquals("MANIFEST-000004\n", Files.readString(fs.getPath("/CURRENT")));
            assertEquals("new", Files.readString(fs.getPath("/doomed")));
            assertEquals(2, fs.engine().list().size());
        }
    }

    @Test
    void serviceLoaderAndUris() throws IOException {
        MemoryDevice dev = MemoryDevice.ofBytes(32 << 20, 4096);
        SimBlobstore bs = SimBlobstore.init(dev, OPTS);
        URI uri = URI.create("blobfs://tutorial/");
        try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of("blobstore", bs, "ownsBlobstore", true))) {
            Path p = fs.getPath("/hello.txt");
            Files.writeString(p, "hello");
            assertEquals(URI.create("blobfs://tutorial/hello.txt"), p.toUri());
            assertEquals("hello", Files.readString(Path.of(URI.create("blobfs://tutorial/hello.txt"))));
            assertTrue(Files.exists(p));
        }
        assertThrows(java.nio.file.FileSystemNotFoundException.class, () -> Path.of(URI.create("blobfs://tutorial/hello.txt")));
    }

    @Test
    void nameLengthLimit() throws IOException {
        try (BlobFileSystem fs = fresh(MemoryDevice.ofBytes(32 << 20, 4096))) {
            Files.writeString(fs.getPath("/" + "a".repeat(255)), "ok");
            BlobFsException e = assertThrows(BlobFsException.class, () -> Files.writeString(fs.getPath("/" + "a".repeat(256)), "no"));
            assertTrue(e.getMessage().contains("256 bytes"), e::getMessage);
        }
    }

    @Test
    void fullDeviceFailsWithEnospcAndChangesNothing() throws IOException {
        MemoryDevice dev = MemoryDevice.ofBytes(4 << 20, 4096);
        try (BlobFileSystem fs = BlobFileSystem.open(SimBlobstore.init(dev, BlobstoreOptions.defaults().withClusterSize(1 << 20)), true)) {
            Path p = fs.getPath("/big");
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.allocate(100));
                BlobFsException e = assertThrows(BlobFsException.class, () -> ch.write(ByteBuffer.allocate(8 << 20)));
                assertEquals(-28, e.errno());
                assertEquals(100, ch.size());
            }
            assertEquals(100, Files.size(p));
        }
    }

    @Test
    void formatOptions() {
        BlobstoreOptions o = BlobFs.formatOptions(0, -1);
        assertEquals("BLOBFS", o.bstype());
        assertEquals(256 << 10, o.clusterSize());
        assertEquals(1 << 20, BlobFs.formatOptions(1 << 20, 64).clusterSize());
        assertEquals(64, BlobFs.formatOptions(1 << 20, 64).numMdPages());
    }
}
