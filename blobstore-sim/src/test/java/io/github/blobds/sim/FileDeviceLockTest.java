package io.github.blobds.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.blobstore.BlobstoreException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One process per image file: {@link FileDevice} locks its file, so another process fails instead of writing under a loaded Blobstore. */
class FileDeviceLockTest {

    @TempDir
    Path dir;

    private static byte[] firstBlock(FileDevice dev) {
        ByteBuffer b = ByteBuffer.allocate(4096);
        dev.read(0, b);
        return b.array();
    }

    @Test
    @DisplayName("In this process a device left open does not block another on the same file (a reload after the Blobstore closed)")
    void sameProcess() {
        Path file = dir.resolve("image");
        byte[] data = new byte[4096];
        data[0] = 42;
        FileDevice leftOpen = FileDevice.create(file, 1 << 20, 4096);
        leftOpen.write(0, ByteBuffer.wrap(data));
        try (FileDevice again = FileDevice.open(file, 4096)) {
            assertEquals(256, again.blockCount());
            assertArrayEquals(data, firstBlock(again));
        } finally {
            leftOpen.close();
        }
    }

    @Test
    @DisplayName("A file open in another process (a second JVM) is refused with EBUSY, and usable once that process lets go")
    void otherProcess() throws Exception {
        Path file = dir.resolve("shared");
        FileDevice.create(file, 1 << 20, 4096).close();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process holder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("open", out.readLine(), "the other JVM opened the device");
            BlobstoreException e = assertThrows(BlobstoreException.class, () -> FileDevice.open(file, 4096));
            assertEquals(BlobstoreException.EBUSY, e.errno());
            assertTrue(e.getMessage().contains("another process has it open"), e.getMessage());
            assertEquals(BlobstoreException.EBUSY, assertThrows(BlobstoreException.class, () -> FileDevice.create(file, 4096, 4096)).errno());
            assertEquals(1 << 20, Files.size(file), "the refused create truncated nothing");
            holder.getOutputStream().close(); // the holder closes its device and exits
            assertEquals(0, holder.waitFor());
        } finally {
            holder.destroyForcibly();
        }
        try (FileDevice after = FileDevice.open(file, 4096)) {
            assertEquals(256, after.blockCount());
        }
    }

    /** Opens the device named by its argument, prints "open", and closes it when standard input ends. */
    public static final class LockHolder {
        public static void main(String[] args) throws Exception {
            try (FileDevice dev = FileDevice.open(Path.of(args[0]), 4096)) {
                System.out.println("open");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait for the test to let go
                }
                assertTrue(dev.blockCount() > 0);
            }
        }
    }
}
