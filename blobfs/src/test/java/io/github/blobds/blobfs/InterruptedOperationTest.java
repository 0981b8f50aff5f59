package io.github.blobds.blobfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.blobds.blobstore.BlobstoreOptions;
import io.github.blobds.sim.MemoryDevice;
import io.github.blobds.sim.SimBlobstore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Create, atomic replace, delete and append+force are cut after every 4 KiB page they write; each cut
 * image must load (with repairs) into a consistent file system: the operation happened entirely or
 * not at all, and nothing else changed.
 */
class InterruptedOperationTest {

    static final BlobstoreOptions OPTS = BlobstoreOptions.defaults().withBstype("BLOBFS").withClusterSize(64 << 10);

    interface Op {
        void run(BlobFileSystem fs) throws IOException;
    }

    interface Check {
        void verify(BlobFileSystem fs, int cut) throws IOException;
    }

    /** Sets up files, records {@code op}, then loads the image cut after each of its steps. */
    static int cutEverywhere(Op setup, Op op, Check check) throws IOException {
        RecordingDevice dev = new RecordingDevice(8 << 20);
        SimBlobstore bs = SimBlobstore.init(dev, OPTS);
        BlobFileSystem fs = BlobFileSystem.open(bs, false);
        setup.run(fs);
        byte[] base = dev.startRecording();
        op.run(fs);
        List<RecordingDevice.Step> steps = dev.steps();
        for (int n = 0; n <= steps.size(); n++) {
            MemoryDevice cut = RecordingDevice.replay(base, steps, n);
            try (BlobFileSystem loaded = BlobFileSystem.open(SimBlobstore.load(cut, OPTS), true)) {
                check.verify(loaded, n);
            } catch (IOException | RuntimeException e) {
                fail("image cut after step " + n + " of " + steps.size() + " does not load: " + e, e);
            }
        }
        return steps.size();
    }

    static String read(BlobFileSystem fs, String name) throws IOException {
        return Files.readString(fs.getPath(name));
    }

    @Test
    void atomicReplaceIsAllOrNothing() throws IOException {
        int steps = cutEverywhere(fs -> {
            Files.writeString(fs.getPath("/CURRENT"), "MANIFEST-000001\n");
            Files.writeString(fs.getPath("/000003.dbtmp"), "MANIFEST-000004\n");
            Files.writeString(fs.getPath("/other"), "untouched");
        }, fs -> Files.move(fs.getPath("/000003.dbtmp"), fs.getPath("/CURRENT"), StandardCopyOption.REPLACE_EXISTING),
            (fs, cut) -> {
                String current = read(fs, "/CURRENT");
                boolean tmp = Files.exists(fs.getPath("/000003.dbtmp"));
                if (current.equals("MANIFEST-000001\n")) {
                    assertTrue(tmp, "cut " + cut + ": before the move, the source is still there");
                } else {
                    assertEquals("MANIFEST-000004\n", current, "cut " + cut);
                    assertTrue(!tmp, "cut " + cut + ": after the move, the source is gone");
                }
                assertEquals("untouched", read(fs, "/other"), "cut " + cut);
                assertEquals(tmp ? 3 : 2, fs.engine().list().size(), "cut " + cut + ": " + fs.engine().list());
            });
        assertTrue(steps > 2, "the move writes several pages");
    }

    @Test
    void createIsAllOrNothing() throws IOException {
        cutEverywhere(fs -> Files.writeString(fs.getPath("/a"), "a"), fs -> Files.createFile(fs.getPath("/b")), (fs, cut) -> {
            assertEquals("a", read(fs, "/a"));
            if (Files.exists(fs.getPath("/b"))) {
                assertEquals(0, Files.size(fs.getPath("/b")));
            }
            assertTrue(Set.of(List.of("a"), List.of("a", "b")).contains(fs.engine().list()), "cut " + cut + ": " + fs.engine().list());
        });
    }

    @Test
    void deleteIsAllOrNothing() throws IOException {
        cutEverywhere(fs -> {
            Files.writeString(fs.getPath("/a"), "a");
            Files.write(fs.getPath("/b"), new byte[200_000]);
        }, fs -> Files.delete(fs.getPath("/b")), (fs, cut) -> {
            assertEquals("a", read(fs, "/a"));
            if (Files.exists(fs.getPath("/b"))) {
                assertEquals(200_000, Files.size(fs.getPath("/b")), "cut " + cut);
            }
        });
    }

    @Test
    void appendAndForceKeepsTheLastForcedLength() throws IOException {
        byte[] first = "first-part;".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        byte[] second = "second-part;".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        cutEverywhere(fs -> {
            try (FileChannel ch = FileChannel.open(fs.getPath("/log"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(first));
                ch.force(true);
            }
        }, fs -> {
            try (FileChannel ch = FileChannel.open(fs.getPath("/log"), StandardOpenOption.APPEND)) {
                ch.write(ByteBuffer.wrap(second));
                ch.force(true);
            }
        }, (fs, cut) -> {
            byte[] all = Files.readAllBytes(fs.getPath("/log"));
            assertTrue(all.length == first.length || all.length == first.length + second.length, "cut " + cut + ": length " + all.length);
            assertEquals(new String(first, StandardCharsets.US_ASCII), new String(all, 0, first.length, StandardCharsets.US_ASCII), "cut " + cut);
            if (all.length > first.length) {
                assertEquals(new String(second, StandardCharsets.US_ASCII), new String(all, first.length, second.length, StandardCharsets.US_ASCII));
            }
        });
    }

    /** SPDK's own create order (blob first, xattrs later) leaves a nameless blob when cut; load removes it. */
    @Test
    void namelessLeftoversAreRepaired() throws IOException {
        MemoryDevice dev = MemoryDevice.ofBytes(8 << 20, 4096);
        SimBlobstore bs = SimBlobstore.init(dev, OPTS);
        bs.create(io.github.blobds.blobstore.BlobOptions.defaults());
        bs.close();
        try (BlobFileSystem fs = BlobFileSystem.open(SimBlobstore.load(dev, OPTS), true)) {
            assertEquals(1, fs.engine().repairsAtLoad());
            assertEquals(List.of(), fs.engine().list());
        }
    }
}
