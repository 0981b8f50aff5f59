package io.github.blobds.spdk;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.blobstore.BlobstoreException;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The status mapping, the environment's options and the bdev JSON; runs without SPDK. */
class StatusAndConfigTest {

    @Test
    @DisplayName("statuses become BlobstoreException with SPDK's errno, naming the operation")
    void statuses() {
        assertDoesNotThrow(() -> Status.check(0, "anything"));
        BlobstoreException e = assertThrows(BlobstoreException.class, () -> Status.check(-2, "open blob 0x100000000"));
        assertEquals(BlobstoreException.ENOENT, e.errno());
        assertEquals("ENOENT: open blob 0x100000000", e.getMessage());
        assertTrue(Status.exception(Status.ENODEV, "bdev x").getMessage().contains("no such bdev"));
        assertTrue(Status.exception(Status.EALREADY, "start").getMessage().contains("already started"));
        assertTrue(Status.exception(-17, "create").getMessage().contains("EEXIST"));
        assertTrue(Status.exception(-13, "open").getMessage().contains("EACCES"));
        assertTrue(Status.exception(-110, "stop").getMessage().contains("ETIMEDOUT"));
        assertEquals(BlobstoreException.EIO, Status.exception(3, "odd").errno());
    }

    @Test
    @DisplayName("bdev JSON calls are SPDK's RPC methods with escaped strings")
    void bdevJson() {
        assertEquals("{\"subsystems\":[{\"subsystem\":\"bdev\",\"config\":[{\"method\":\"bdev_malloc_create\",\"params\":{\"name\":\"M0\",\"num_blocks\":16384,\"block_size\":4096}}]}]}",
                Bdevs.config(Bdevs.malloc("M0", 64 << 20, 4096)));
        assertEquals("{\"method\":\"bdev_aio_create\",\"params\":{\"name\":\"A\\\"1\",\"filename\":\"/tmp/a\\\\b\\n\",\"block_size\":512,\"fallocate\":true}}",
                Bdevs.aio("A\"1", Path.of("/tmp/a\\b\n"), 512, true));
        assertEquals("{\"method\":\"bdev_aio_create\",\"params\":{\"name\":\"A\",\"filename\":\"/f\",\"block_size\":4096,\"fallocate\":false}}",
                Bdevs.aio("A", Path.of("/f"), 4096, false));
        assertEquals("\"\\t\\r\\u0001\"", Bdevs.quote("\t\r\u0001"));
        assertEquals(BlobstoreException.EINVAL, assertThrows(BlobstoreException.class, () -> Bdevs.malloc("M", 1000, 4096)).errno());
        assertEquals(BlobstoreException.EINVAL, assertThrows(BlobstoreException.class, () -> Bdevs.malloc("", 4096, 4096)).errno());
        assertEquals(BlobstoreException.EINVAL, assertThrows(BlobstoreException.class, () -> Bdevs.aio("A", Path.of("f"), 0, true)).errno());
        assertEquals(200, Bdevs.abbreviate("x".repeat(500)).length());
        assertEquals("short", Bdevs.abbreviate("short"));
    }

    @Test
    @DisplayName("environment options: defaults for NVMe, small pools without hardware, strict sizes")
    void options() {
        SpdkEnvironment.Options d = SpdkEnvironment.Options.defaults();
        assertEquals(-1, d.memSizeMb());
        assertTrue(!d.noPci() && !d.noHuge());
        SpdkEnvironment.Options n = SpdkEnvironment.Options.withoutHardware(512).withBdevConfig("{}");
        assertTrue(n.noPci() && n.noHuge());
        assertEquals(512, n.memSizeMb());
        assertEquals("{}", n.bdevConfig());
        assertThrows(BlobstoreException.class, () -> new SpdkEnvironment.Options(0, true, true, false, null, 0, 0, 0));
        assertThrows(BlobstoreException.class, () -> new SpdkEnvironment.Options(64, true, true, false, null, -1, 0, 0));
        assertTrue(d.dmaBounce(), "with PCI, Java buffers are copied through DMA-able memory");
        assertFalse(n.dmaBounce());
        SpdkEnvironment.Options nvme = n.withPci(true).withHugePages(true);
        assertTrue(!nvme.noPci() && !nvme.noHuge() && !nvme.dmaBounce());
        assertTrue(nvme.withDmaBounce(true).dmaBounce());
        assertEquals("{}", nvme.bdevConfig());
    }

    @Test
    @DisplayName("environment options from system properties: no hardware by default; pci brings DMA bouncing unless told otherwise")
    void optionsFromProperties() {
        String[] names = {"blobds.spdk.memSize", "blobds.spdk.pci", "blobds.spdk.hugePages", "blobds.spdk.dmaBounce"};
        java.util.Map<String, String> saved = new java.util.HashMap<>();
        for (String n : names) {
            if (System.getProperty(n) != null) {
                saved.put(n, System.getProperty(n));
            }
            System.clearProperty(n);
        }
        try {
            SpdkEnvironment.Options o = SpdkEnvironment.Options.fromSystemProperties();
            assertEquals(SpdkEnvironment.Options.withoutHardware(1024), o);
            System.setProperty("blobds.spdk.memSize", "2048");
            System.setProperty("blobds.spdk.pci", "true");
            System.setProperty("blobds.spdk.hugePages", "true");
            o = SpdkEnvironment.Options.fromSystemProperties();
            assertEquals(2048, o.memSizeMb());
            assertTrue(!o.noPci() && !o.noHuge() && o.dmaBounce());
            System.setProperty("blobds.spdk.dmaBounce", "false");
            assertFalse(SpdkEnvironment.Options.fromSystemProperties().dmaBounce());
            System.setProperty("blobds.spdk.pci", "false");
            System.setProperty("blobds.spdk.dmaBounce", "true");
            assertTrue(SpdkEnvironment.Options.fromSystemProperties().dmaBounce());
        } finally {
            for (String n : names) {
                System.clearProperty(n);
            }
            saved.forEach(System::setProperty);
        }
    }
}
