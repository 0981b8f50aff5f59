package io.github.blobds.spdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.blobstore.Blob;
import io.github.blobds.blobstore.BlobOptions;
import io.github.blobds.blobstore.BlobstoreException;
import io.github.blobds.blobstore.BlobstoreOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * DMA-able memory and the data path's copies ({@link SpdkEnvironment.Options#dmaBounce()}), and raw bdev
 * reads below the Blobstore. With bouncing on (the {@code spdk-dma-bounce} run of -Pspdk, and any
 * environment with PCI), a transfer from a Java direct buffer is copied through DPDK memory and counted,
 * one from {@link SpdkEnvironment#dmaBuffer} is not; with it off, nothing is copied or counted. The data
 * is the same either way, also for transfers larger than the 1 MiB bounce piece.
 */
@Tag("spdk")
class DmaAndBdevTest {

    private static final long CLUSTER = 1 << 20;

    private final SpdkEnvironment env = SpdkTests.environment();

    @Test
    @DisplayName("Direct buffers, heap buffers and DMA buffers carry the same bytes; only non-DMA memory is bounced, and only when asked")
    void transfersAndBounces() {
        String bdev = SpdkTests.freshMalloc(16 << 20, 4096);
        boolean bouncing = env.options().dmaBounce();
        try (SpdkBlobstore bs = SpdkBlobstore.init(env, bdev, BlobstoreOptions.defaults().withClusterSize(CLUSTER));
             SpdkEnvironment.DmaBuffer dma = env.dmaBuffer(3 << 20)) {
            assertTrue(dma.buffer().isDirect());
            assertEquals(3 << 20, dma.buffer().capacity());
            assertTrue(isZero(dma.buffer()), "spdk_dma_zmalloc memory starts zeroed");
            try (Blob blob = bs.open(bs.create(BlobOptions.builder().numClusters(4).build()))) {
                byte[] data = new byte[3 << 20];
                new Random(7).nextBytes(data);

                long before = env.dmaBounces();
                ByteBuffer direct = ByteBuffer.allocateDirect(data.length);
                direct.put(data).flip();
                blob.write(0, direct); // 3 MiB: three bounce pieces when bouncing, one transfer
                assertEquals(bouncing ? before + 1 : before, env.dmaBounces());

                before = env.dmaBounces();
                blob.read(0, dma.buffer().clear());
                assertEquals(before, env.dmaBounces(), "a DMA buffer is never bounced");
                byte[] back = new byte[data.length];
                dma.buffer().get(0, back);
                assertArrayEquals(data, back);

                dma.buffer().clear();
                Arrays.fill(data, 0, 4096, (byte) 0x5A);
                dma.buffer().put(data, 0, 4096).flip();
                before = env.dmaBounces();
                blob.write(256, dma.buffer()); // io_unit 256 = byte 1 MiB
                assertEquals(before, env.dmaBounces());

                ByteBuffer heap = ByteBuffer.allocate(2 << 20);
                blob.read(0, heap);
                assertArrayEquals(Arrays.copyOfRange(data, 0, 4096), Arrays.copyOfRange(heap.array(), 1 << 20, (1 << 20) + 4096));
                assertArrayEquals(Arrays.copyOfRange(back, 0, 1 << 20), Arrays.copyOfRange(heap.array(), 0, 1 << 20));
            }
        }
    }

    @Test
    @DisplayName("A DMA buffer of nothing, or of more than DPDK's memory, is refused with the reason")
    void dmaBufferLimits() {
        assertEquals(BlobstoreException.EINVAL, assertThrows(BlobstoreException.class, () -> env.dmaBuffer(0)).errno());
        BlobstoreException e = assertThrows(BlobstoreException.class, () -> env.dmaBuffer(Integer.MAX_VALUE));
        assertEquals(BlobstoreException.ENOMEM, e.errno());
        assertTrue(e.getMessage().contains("blobds.spdk.memSize"), e.getMessage());
        env.dmaBuffer(4096).close();
    }

    @Test
    @DisplayName("readBdev reads below the Blobstore: zeroes on a new bdev, SPDK's super block signature once one is formatted")
    void rawReads() {
        String bdev = SpdkTests.freshMalloc(8 << 20, 512);
        assertTrue(env.hasBdev(bdev));
        assertTrue(env.bdevNames().contains(bdev));
        assertFalse(env.hasBdev("NoSuchBdev"));
        assertTrue(isZero(ByteBuffer.wrap(env.readBdev(bdev, 0, 4096))));
        try (SpdkBlobstore bs = SpdkBlobstore.init(env, bdev, BlobstoreOptions.defaults().withClusterSize(CLUSTER))) {
            assertTrue(env.hasBlobstoreOn(bdev));
            assertEquals(8 << 20, env.bdevBytes(bdev));
        }
        assertFalse(env.hasBlobstoreOn(bdev));
        byte[] head = env.readBdev(bdev, 0, 100); // less than a block: whole blocks are read, 100 bytes returned
        assertEquals(100, head.length);
        assertEquals("SPDKBLOB", new String(head, 0, 8, StandardCharsets.US_ASCII));
        assertEquals(0, env.readBdev(bdev, 512, 0).length);

        try (SpdkBlobstore bs = SpdkBlobstore.load(env, bdev, BlobstoreOptions.defaults())) {
            assertEquals(BlobstoreException.EBUSY, assertThrows(BlobstoreException.class, () -> env.zeroBdev(bdev, 0, 4096)).errno(),
                    "never under a loaded Blobstore");
            assertTrue(bs.blobIds().isEmpty());
        }
        env.zeroBdev(bdev, 0, 512);
        assertEquals(0, env.readBdev(bdev, 0, 1)[0], "the signature's first byte is gone");
        env.zeroBdev(bdev, 0, 8 << 20);
        assertTrue(isZero(ByteBuffer.wrap(env.readBdev(bdev, 0, 1 << 20))));
        env.zeroBdev(bdev, 0, 0);
        assertEquals(BlobstoreException.EINVAL, assertThrows(BlobstoreException.class, () -> env.zeroBdev(bdev, 0, 100)).errno());
        assertEquals(BlobstoreException.EINVAL, assertThrows(BlobstoreException.class, () -> env.zeroBdev(bdev, 512, 8 << 20)).errno());
        assertEquals(Status.ENODEV, assertThrows(BlobstoreException.class, () -> env.zeroBdev("NoSuchBdev", 0, 512)).errno());

        assertEquals(Status.ENODEV, assertThrows(BlobstoreException.class, () -> env.readBdev("NoSuchBdev", 0, 4096)).errno());
        assertEquals(BlobstoreException.EINVAL, assertThrows(BlobstoreException.class, () -> env.readBdev(bdev, 100, 512)).errno());
        assertEquals(BlobstoreException.EINVAL, assertThrows(BlobstoreException.class, () -> env.readBdev(bdev, 8 << 20, 512)).errno());
        assertEquals(BlobstoreException.EINVAL, assertThrows(BlobstoreException.class, () -> env.readBdev(bdev, 16 << 20, 512)).errno());
        assertEquals(BlobstoreException.EINVAL, assertThrows(BlobstoreException.class, () -> env.readBdev(bdev, 0, -1)).errno());
    }

    private static boolean isZero(ByteBuffer b) {
        for (int i = b.position(); i < b.limit(); i++) {
            if (b.get(i) != 0) {
                return false;
            }
        }
        return true;
    }
}
