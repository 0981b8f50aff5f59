package io.github.blobds.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** FileChannel semantics on BlobFS: position, size, APPEND, access modes, closing, vectored I/O, locks, threads. */
abstract class BlobFsChannelSubtests extends BlobFsSubtests {

    @Test
    @DisplayName("The position starts at 0, moves with relative reads and writes, and not with positional ones; past the end a read returns -1")
    void positionSemantics() throws IOException {
        byte[] data = bytes(10_000);
        try (FileChannel ch = open(path("/file"), CREATE_NEW, WRITE, READ)) {
            assertEquals(0, ch.position());
            writeFully(ch, data);
            assertEquals(10_000, ch.position());
            assertEquals(10_000, ch.size());

            ch.position(100);
            ByteBuffer buf = ByteBuffer.allocate(50);
            assertEquals(50, ch.read(buf));
            assertEquals(150, ch.position());
            assertArrayEquals(range(data, 100, 150), buf.array());

            assertEquals(50, ch.read(ByteBuffer.allocate(50), 5000));
            assertEquals(150, ch.position(), "a positional read leaves the position alone");
            assertEquals(5, ch.write(ByteBuffer.wrap(bytes(5)), 10_000));
            assertEquals(150, ch.position(), "a positional write leaves the position alone");
            assertEquals(10_005, ch.size());

            ch.position(20_000);
            assertEquals(20_000, ch.position(), "the position may lie beyond the end");
            assertEquals(-1, ch.read(ByteBuffer.allocate(10)));
            assertEquals(10_005, ch.size(), "setting the position does not change the size");
            assertThrows(IllegalArgumentException.class, () -> ch.position(-1));
        }
    }

    @Test
    @DisplayName("The size counts unforced appends, and every channel on the file and Files.size see them at once")
    void sizeSeesUnforcedAppendsEverywhere() throws IOException {
        Path p = path("/file");
        try (FileChannel writer = open(p, CREATE_NEW, WRITE); FileChannel reader = open(p, READ)) {
            byte[] a = bytes(3000);
            writeFully(writer, a);
            assertEquals(3000, reader.size());
            assertEquals(3000, Files.size(p));
            assertArrayEquals(a, readAt(reader, 0, 5000));
            byte[] b = bytes(9000);
            writeFully(writer, b);
            assertEquals(12_000, reader.size());
            assertArrayEquals(concat(a, b), readAt(reader, 0, 20_000));
            assertArrayEquals(concat(a, b), Files.readAllBytes(p));
        }
    }

    @Test
    @DisplayName("With APPEND every write goes to the end, wherever the position was, and leaves the position there")
    void appendMode() throws IOException {
        Path p = path("/file");
        byte[] a = bytes(1000);
        Files.write(p, a);
        try (FileChannel ch = open(p, APPEND, READ); FileChannel other = open(p, APPEND)) {
            ch.position(0);
            byte[] b = bytes(10);
            writeFully(ch, b);
            assertEquals(1010, ch.position());
            byte[] c = bytes(20);
            writeFully(other, c);
            assertEquals(1030, other.position());
            byte[] d = bytes(5);
            writeFully(ch, d);
            assertEquals(1035, ch.position(), "another channel's appends move this channel's end too");
            assertArrayEquals(concat(a, b, c, d), readAt(ch, 0, 2000));
        }
    }

    @Test
    @DisplayName("A read-only channel cannot write or truncate, a write-only channel cannot read")
    void accessModes() throws IOException {
        Path p = path("/file");
        Files.write(p, bytes(100));
        try (FileChannel ro = open(p)) {
            assertThrows(NonWritableChannelException.class, () -> ro.write(ByteBuffer.allocate(1)));
            assertThrows(NonWritableChannelException.class, () -> ro.truncate(0));
            assertEquals(100, ro.read(ByteBuffer.allocate(200)));
        }
        try (FileChannel wo = open(p, WRITE)) {
            assertThrows(NonReadableChannelException.class, () -> wo.read(ByteBuffer.allocate(1)));
        }
        try (FileChannel ao = open(p, APPEND)) {
            assertThrows(NonReadableChannelException.class, () -> ao.read(ByteBuffer.allocate(1)));
        }
        assertEquals(100, Files.size(p));
    }

    @Test
    @DisplayName("A closed channel throws ClosedChannelException; closing twice is harmless")
    void closedChannel() throws IOException {
        FileChannel ch = open(path("/file"), CREATE_NEW, WRITE, READ);
        writeFully(ch, bytes(10));
        ch.close();
        ch.close();
        assertFalse(ch.isOpen());
        assertThrows(ClosedChannelException.class, () -> ch.read(ByteBuffer.allocate(1), 0));
        assertThrows(ClosedChannelException.class, () -> ch.write(ByteBuffer.allocate(1)));
        assertThrows(ClosedChannelException.class, ch::size);
        assertThrows(ClosedChannelException.class, () -> ch.force(true));
        assertEquals(10, Files.size(path("/file")));
    }

    @Test
    @DisplayName("Gathering writes, scattering reads, transferTo and transferFrom move the right bytes")
    void vectoredIoAndTransfers() throws IOException {
        byte[] a = bytes(5000);
        byte[] b = bytes(1);
        byte[] c = bytes(70_000);
        Path p = path("/file");
        try (FileChannel ch = open(p, CREATE_NEW, WRITE, READ)) {
            ByteBuffer[] srcs = {ByteBuffer.wrap(a), ByteBuffer.wrap(b), ByteBuffer.wrap(c)};
            long total = 0;
            while (total < a.length + b.length + c.length) {
                total += ch.write(srcs);
            }
            ch.position(0);
            ByteBuffer[] dsts = {ByteBuffer.allocate(4999), ByteBuffer.allocate(2), ByteBuffer.allocate(80_000)};
            long read = 0;
            while (true) {
                long n = ch.read(dsts);
                if (n <= 0) {
                    break;
                }
                read += n;
            }
            assertEquals(75_001, read);
            assertArrayEquals(concat(a, b, c), concat(dsts[0].array(), dsts[1].array(), range(dsts[2].array(), 0, 70_000)));

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long sent = 0;
            while (sent < 30_000) {
                sent += ch.transferTo(1000 + sent, 30_000 - sent, Channels.newChannel(out));
            }
            assertArrayEquals(range(concat(a, b, c), 1000, 31_000), out.toByteArray());

            byte[] d = bytes(12_345);
            long got = 0;
            var in = Channels.newChannel(new java.io.ByteArrayInputStream(d));
            while (got < d.length) {
                got += ch.transferFrom(in, ch.size(), d.length - got);
            }
            assertArrayEquals(concat(a, b, c, d), readAt(ch, 0, 100_000));
        }
    }

    @Test
    @DisplayName("An exclusive lock keeps other channels from locking the file until it is released")
    void locks() throws IOException {
        Path p = path("/LOCK");
        Files.createFile(p);
        try (FileChannel first = open(p, WRITE); FileChannel second = open(p, WRITE)) {
            FileLock lock = first.tryLock();
            assertNotNull(lock);
            assertTrue(lock.isValid());
            FileLock other;
            try {
                other = second.tryLock();
            } catch (OverlappingFileLockException e) {
                other = null;
            }
            assertEquals(null, other, "a second exclusive lock must fail (null or OverlappingFileLockException)");
            lock.release();
            assertFalse(lock.isValid());
            FileLock again = second.tryLock();
            assertNotNull(again);
            again.release();
        }
    }

    @Test
    @DisplayName("Threads appending to their own files concurrently each get exactly their bytes")
    void concurrentAppendersToDifferentFiles() throws Exception {
        int threads = 4;
        List<Callable<byte[]>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Path p = path("/thread-" + t);
            long seed = random().nextLong();
            tasks.add(() -> {
                Random r = new Random(seed);
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                try (FileChannel ch = open(p, CREATE_NEW, WRITE, READ)) {
                    for (int i = 0; i < 150; i++) {
                        byte[] b = new byte[r.nextInt(9000)];
                        r.nextBytes(b);
                        writeFully(ch, b);
                        expected.write(b);
                        if (r.nextInt(10) == 0) {
                            ch.force(true);
                        }
                    }
                }
                return expected.toByteArray();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<byte[]>> results = pool.invokeAll(tasks);
            for (int t = 0; t < threads; t++) {
                assertArrayEquals(results.get(t).get(), Files.readAllBytes(path("/thread-" + t)), "thread " + t);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads, listed(root()).size());
    }
}
