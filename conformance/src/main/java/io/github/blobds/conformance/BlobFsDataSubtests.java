package io.github.blobds.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SPDK's fs_rw, fs_truncate and the blobfs_sync_ut cache tests through NIO channels. */
abstract class BlobFsDataSubtests extends BlobFsSubtests {

    /** SPDK BlobFS's cache buffer (CACHE_BUFFER_SIZE, 256 KiB): the tests that straddle it keep its sizes. */
    static final int CACHE_BUFFER = 256 << 10;

    // SPDK test/unit/lib/blobfs/blobfs_async_ut fs_rw_async, fs_writev_readv_async
    @Test
    @DisplayName("fs_rw: a 4 KiB write reads back whole and at random offsets, and the size follows")
    void writeThenReadAtOffsets() throws IOException {
        byte[] data = bytes(4096);
        try (FileChannel ch = open(path("/file"), CREATE_NEW, WRITE, READ)) {
            assertEquals(4096, ch.write(ByteBuffer.wrap(data), 0));
            assertEquals(4096, ch.size());
            assertArrayEquals(data, readAt(ch, 0, 4096));
            for (int i = 0; i < 50; i++) {
                int from = random().nextInt(4096);
                int len = random().nextInt(4096 - from + 1);
                assertArrayEquals(range(data, from, from + len), readAt(ch, from, len), "read " + len + " at " + from);
            }
            assertArrayEquals(range(data, 4000, 4096), readAt(ch, 4000, 1000), "a read past the end is short");
            assertEquals(-1, ch.read(ByteBuffer.allocate(10), 4096), "a read at the end returns -1");
            assertEquals(-1, ch.read(ByteBuffer.allocate(10), 1 << 20), "a read beyond the end returns -1");
        }
        assertEquals(4096, Files.size(path("/file")));
    }

    // SPDK test/unit/lib/blobfs/blobfs_sync_ut (spdk_file_write: offset must equal append_pos, else -EINVAL)
    @Test
    @DisplayName("fs_rw: writes append only; a write anywhere but the end fails with an IOException and changes nothing (SPDK's aligned overwrite is async-API only)")
    void writesAppendOnly() throws IOException {
        byte[] data = bytes(10_000);
        try (FileChannel ch = open(path("/file"), CREATE_NEW, WRITE, READ)) {
            writeFully(ch, data);
            assertThrows(IOException.class, () -> ch.write(ByteBuffer.wrap(bytes(4096)), 0), "overwrite at 0");
            assertThrows(IOException.class, () -> ch.write(ByteBuffer.wrap(bytes(10)), 9_999), "overwrite of the last byte");
            assertThrows(IOException.class, () -> ch.write(ByteBuffer.wrap(bytes(10)), 10_001), "a hole after the end");
            ch.position(4096);
            assertThrows(IOException.class, () -> ch.write(ByteBuffer.wrap(bytes(10))), "a write at the channel's position inside the file");
            assertEquals(10_000, ch.size());
            assertArrayEquals(data, readAt(ch, 0, 20_000));

            ch.position(10_000);
            byte[] more = bytes(10);
            assertEquals(10, ch.write(ByteBuffer.wrap(more)));
            assertArrayEquals(concat(data, more), readAt(ch, 0, 20_000));
        }
    }

    // SPDK test/unit/lib/blobfs/blobfs_sync_ut cache_read_after_write
    @Test
    @DisplayName("cache_read_after_write: appended bytes read back before any force; truncating down keeps what is below; a double delete fails")
    void cacheReadAfterWrite() throws IOException {
        Path p = path("/testfile");
        byte[] data = bytes(CACHE_BUFFER + 4096 * 3 + 17);
        try (FileChannel ch = open(p, CREATE_NEW, WRITE, READ)) {
            ch.truncate(2L * CACHE_BUFFER);
            assertEquals(0, ch.size(), "NIO truncate never extends (SPDK's truncate preallocates without moving the append position)");
            writeFully(ch, data);
            assertEquals(data.length, ch.size());
            assertArrayEquals(data, readAt(ch, 0, data.length), "read-your-writes before a force");
            ch.truncate(data.length / 2);
            assertEquals(data.length / 2, ch.size());
        }
        assertEquals(data.length / 2, Files.size(p));
        assertArrayEquals(range(data, 0, data.length / 2), Files.readAllBytes(p));
        Files.delete(p);
        assertThrows(NoSuchFileException.class, () -> Files.delete(p));
    }

    // SPDK test/unit/lib/blobfs/blobfs_sync_ut append_write_to_extend_blob
    @Test
    @DisplayName("append_write_to_extend_blob: after cluster-1 bytes and a reopen, appending 2 bytes crosses into the next cluster intact")
    void appendWriteToExtendBlob() throws Exception {
        int cluster = Math.toIntExact(clusterSize());
        byte[] first = bytes(cluster - 1);
        byte[] second = bytes(2);
        create(path("/testfile"), first);
        reopen();
        try (FileChannel ch = open(path("/testfile"), APPEND, READ)) {
            assertEquals(cluster - 1, ch.size());
            writeFully(ch, second);
            assertEquals(cluster + 1, ch.size());
            assertArrayEquals(concat(first, second), readAt(ch, 0, cluster + 10));
            assertArrayEquals(concat(range(first, cluster - 5, cluster - 1), second), readAt(ch, cluster - 5, 10), "across the boundary");
        }
        reopen();
        assertArrayEquals(concat(first, second), Files.readAllBytes(path("/testfile")));
    }

    // SPDK test/unit/lib/blobfs/blobfs_sync_ut partial_buffer
    @Test
    @DisplayName("partial_buffer: one cache buffer plus one byte reads back before a force, after a force, and after reopen")
    void partialBuffer() throws Exception {
        byte[] data = bytes(CACHE_BUFFER + 1);
        try (FileChannel ch = open(path("/testfile"), CREATE_NEW, WRITE, READ)) {
            writeFully(ch, data);
            assertArrayEquals(range(data, CACHE_BUFFER - 3, CACHE_BUFFER + 1), readAt(ch, CACHE_BUFFER - 3, 100));
            ch.force(true);
            assertArrayEquals(data, readAt(ch, 0, data.length + 1));
        }
        reopen();
        assertEquals(data.length, Files.size(path("/testfile")));
        assertArrayEquals(data, Files.readAllBytes(path("/testfile")));
    }

    // SPDK test/unit/lib/blobfs/blobfs_sync_ut cache_write_null_buffer
    @Test
    @DisplayName("cache_write_null_buffer: a 0-byte write returns 0 and changes neither the size nor the position")
    void zeroByteWrite() throws IOException {
        try (FileChannel ch = open(path("/testfile"), CREATE_NEW, WRITE, READ)) {
            assertEquals(0, ch.write(ByteBuffer.allocate(0)));
            assertEquals(0, ch.write(ByteBuffer.allocate(0), 0));
            assertEquals(0, ch.size());
            assertEquals(0, ch.position());
            writeFully(ch, bytes(5));
            assertEquals(0, ch.write(ByteBuffer.allocate(0)));
            assertEquals(5, ch.size());
            assertEquals(5, ch.position());
        }
        assertEquals(5, Files.size(path("/testfile")));
    }

    // SPDK test/unit/lib/blobfs/blobfs_sync_ut cache_append_no_cache
    @Test
    @DisplayName("cache_append_no_cache: appends continue correctly after every force, across io_unit and buffer boundaries")
    void appendsContinueAfterForce() throws Exception {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (FileChannel ch = open(path("/testfile"), CREATE_NEW, WRITE, READ)) {
            int[] sizes = {1, 4095, 4096, 1, 2 * CACHE_BUFFER - 1, 7, 100_000, 3};
            for (int size : sizes) {
                byte[] b = bytes(size);
                writeFully(ch, b);
                expected.write(b);
                ch.force(true);
                assertArrayEquals(expected.toByteArray(), readAt(ch, 0, expected.size() + 1), "after forcing " + expected.size() + " bytes");
            }
        }
        reopen();
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(path("/testfile")));
    }

    // SPDK test/unit/lib/blobfs/blobfs_async_ut fs_truncate
    @Test
    @DisplayName("fs_truncate: truncating down keeps the bytes below and the size follows; truncating up changes nothing (SPDK's extends)")
    void truncate() throws Exception {
        int big = Math.toIntExact(3 * clusterSize() + 1);
        byte[] data = bytes(big);
        byte[] more = bytes(5000);
        Path p = path("/file");
        try (FileChannel ch = open(p, CREATE_NEW, WRITE, READ)) {
            writeFully(ch, data);
            assertEquals(big, ch.position());
            ch.truncate(1);
            assertEquals(1, ch.size());
            assertEquals(1, ch.position(), "the position moves down to the new size");
            assertArrayEquals(range(data, 0, 1), readAt(ch, 0, 10));
            assertEquals(-1, ch.read(ByteBuffer.allocate(1), 1));
            ch.truncate(big);
            assertEquals(1, ch.size(), "truncate never extends");
            ch.truncate(1);
            assertEquals(1, ch.size());

            writeFully(ch, more);
            assertArrayEquals(concat(range(data, 0, 1), more), readAt(ch, 0, 10_000), "appends continue at the new end");
            ch.force(true);
        }
        reopen();
        assertArrayEquals(concat(range(data, 0, 1), more), Files.readAllBytes(path("/file")));
        assertEquals(5001, Files.size(path("/file")));
        try (FileChannel ch = open(path("/file"), WRITE)) {
            ch.truncate(0);
        }
        assertEquals(0, Files.size(path("/file")));
        reopen();
        assertEquals(0, Files.size(path("/file")));
    }

    @Test
    @DisplayName("Random appends, truncations and forces agree with a byte-array model while open and after reopen")
    void appendsTruncationsAndForcesAgreeWithAModel() throws Exception {
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        List<String> steps = new ArrayList<>();
        try (FileChannel ch = open(path("/model"), CREATE_NEW, WRITE, READ)) {
            for (int i = 0; i < 200; i++) {
                int what = random().nextInt(10);
                if (what < 6) {
                    int n = random().nextInt(10) == 0 ? random().nextInt(70_000) : random().nextInt(5000);
                    byte[] b = bytes(n);
                    ch.write(ByteBuffer.wrap(b), model.size());
                    model.write(b);
                    steps.add("append " + n);
                } else if (what < 8) {
                    ch.force(random().nextBoolean());
                    steps.add("force");
                } else {
                    int to = model.size() == 0 ? 0 : random().nextInt(model.size() + 1);
                    ch.truncate(to);
                    byte[] kept = range(model.toByteArray(), 0, to);
                    model.reset();
                    model.write(kept);
                    steps.add("truncate " + to);
                }
                assertEquals(model.size(), ch.size(), () -> "size after " + steps);
                if (model.size() > 0) {
                    int from = random().nextInt(model.size());
                    int len = random().nextInt(Math.min(model.size() - from, 20_000) + 1);
                    assertArrayEquals(range(model.toByteArray(), from, from + len), readAt(ch, from, len),
                            () -> "read " + len + " at " + from + " after " + steps);
                }
            }
        }
        reopen();
        assertArrayEquals(model.toByteArray(), Files.readAllBytes(path("/model")), () -> "after reopen, after " + steps);
    }

    @Test
    @DisplayName("A few MiB of sequential appends in random chunk sizes read back intact at random offsets, before a force and after reopen")
    void largeSequentialAppends() throws Exception {
        byte[] data = bytes(suite().largeFileBytes());
        Path p = path("/large");
        try (FileChannel ch = open(p, CREATE_NEW, WRITE, READ)) {
            int at = 0;
            while (at < data.length) {
                int n = Math.min(data.length - at, 1 + random().nextInt(random().nextBoolean() ? 300 : 300_000));
                writeFully(ch, ByteBuffer.wrap(data, at, n));
                at += n;
            }
            assertEquals(data.length, ch.size());
            checkRandomReads(ch, data);
            ch.force(true);
        }
        reopen();
        try (FileChannel ch = open(path("/large"), READ)) {
            assertEquals(data.length, ch.size());
            checkRandomReads(ch, data);
        }
        assertArrayEquals(data, Files.readAllBytes(path("/large")));
    }

    private void checkRandomReads(FileChannel ch, byte[] data) throws IOException {
        for (int i = 0; i < 200; i++) {
            int from = random().nextInt(data.length);
            int len = random().nextInt(Math.min(data.length - from, 100_000) + 1);
            assertArrayEquals(range(data, from, from + len), readAt(ch, from, len), "read " + len + " at " + from);
        }
    }

    @Test
    @DisplayName("Streams: newOutputStream with APPEND appends, newInputStream reads and skips")
    void streams() throws Exception {
        Path p = path("/stream");
        byte[] first = bytes(10_000);
        byte[] second = bytes(3_000);
        try (OutputStream out = Files.newOutputStream(p)) {
            out.write(first);
        }
        try (OutputStream out = Files.newOutputStream(p, APPEND)) {
            out.write(second);
        }
        byte[] all = concat(first, second);
        try (InputStream in = Files.newInputStream(p)) {
            assertEquals(4096, in.skip(4096));
            assertArrayEquals(range(all, 4096, all.length), in.readAllBytes());
            assertEquals(-1, in.read());
        }
        reopen();
        assertArrayEquals(all, Files.readAllBytes(path("/stream")));
    }
}
