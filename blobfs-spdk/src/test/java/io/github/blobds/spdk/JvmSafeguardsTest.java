package io.github.blobds.spdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With SPDK started in the JVM, what the JVM relies on still holds (shared/reference/spdk-embedding.md). */
@Tag("spdk")
class JvmSafeguardsTest {

    @TempDir
    Path dir;

    @BeforeEach
    void startSpdk() {
        SpdkTests.environment();
    }

    @Test
    @DisplayName("a fault on a MappedByteBuffer of a truncated file still throws InternalError (the JVM's SIGBUS handler)")
    void sigbusStillThrowsInternalError() throws Exception {
        try (RandomAccessFile file = new RandomAccessFile(dir.resolve("mapped").toFile(), "rw")) {
            file.setLength(2 * 4096);
            MappedByteBuffer map = file.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, 2 * 4096);
            map.put(0, (byte) 1);
            file.setLength(0);
            assertThrows(InternalError.class, () -> map.get(4096));
        }
    }

    @Test
    @DisplayName("the CPU affinity of the thread that started SPDK, and of threads made afterwards, is unchanged")
    void affinityUnchanged() throws Exception {
        assertEquals(SpdkTests.affinityBefore, SpdkTests.affinityAfter, "affinity of the starting thread");
        AtomicReference<String> fresh = new AtomicReference<>();
        Thread t = new Thread(() -> fresh.set(SpdkTests.cpusAllowed()));
        t.start();
        t.join();
        assertEquals(SpdkTests.affinityBefore, fresh.get(), "affinity of a new thread");
        assertEquals(SpdkTests.affinityBefore, SpdkTests.cpusAllowed(), "affinity of this thread");
    }

    @Test
    @DisplayName("DPDK's run directory is this process's own, under the blobds file prefix")
    void runtimeDirectoryIsOurs() {
        SpdkEnvironment env = SpdkTests.environment();
        assertTrue(env.runtimeDirectory().orElseThrow().getFileName().toString().equals("blobds_" + ProcessHandle.current().pid()),
                () -> "run directory " + env.runtimeDirectory());
    }
}
