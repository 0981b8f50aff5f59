package io.github.blobds.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.blobds.blobstore.Blob;
import io.github.blobds.blobstore.BlobId;
import io.github.blobds.blobstore.BlobOptions;
import io.github.blobds.blobstore.BlobstoreOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The worked example of reference §2.8 (golden bytes produced by running SPDK v26.05), reproduced byte for byte. */
class GoldenImageTest {

    static final HexFormat HEX = HexFormat.of();

    static ByteBuffer page(BlockDevice dev, long devicePage) {
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        dev.read(devicePage * 4096 / dev.blockSize(), b);
        return b.clear();
    }

    static String hex(ByteBuffer b, int from, int to) {
        byte[] out = new byte[to - from];
        b.get(from, out);
        return HEX.formatHex(out);
    }

    static int crc(ByteBuffer b) {
        return b.getInt(4092);
    }

    @Test
    void freshBlobstoreInitAndUnload() {
        MemoryDevice dev = MemoryDevice.ofBytes(64 << 20, 4096);
        SimBlobstore bs = SimBlobstore.init(dev, BlobstoreOptions.defaults());
        assertEquals(0xF30ED41A, crc(page(dev, 0)), "super block CRC right after init (clean = 0)");
        assertEquals(63, bs.totalDataClusters());
        assertEquals(63, bs.freeClusters());
        bs.close();
        assertEquals(0x8B3849A8, crc(page(dev, 0)), "super block CRC after unload (clean = 1)");
        assertEquals("00400000000000", hex(page(dev, 1), 0, 7));
        assertEquals("01400000000100", hex(page(dev, 2), 0, 7));
        assertEquals("02400000000000", hex(page(dev, 3), 0, 7));
    }

    @Test
    void superBlockCrcVariants() {
        MemoryDevice dev = MemoryDevice.ofBytes(64 << 20, 4096);
        SimBlobstore.init(dev, BlobstoreOptions.defaults().withBstype("BLOBFS"));
        assertEquals(0x5735B290, crc(page(dev, 0)), "bstype BLOBFS, clean = 0");
        SimBlobstore.load(dev, BlobstoreOptions.defaults()).close();
        assertEquals(0x2F032F22, crc(page(dev, 0)), "bstype BLOBFS, clean = 1");

        MemoryDevice small = MemoryDevice.ofBytes(64 << 20, 512);
        SimBlobstore.init(small, BlobstoreOptions.defaults()).close();
        assertEquals(0x47C255E4, crc(page(small, 0)), "512-byte device, clean = 1");
    }

    @Test
    void workedExample() {
        MemoryDevice dev = MemoryDevice.ofBytes(64 << 20, 4096);
        SimBlobstore.init(dev, BlobstoreOptions.defaults()).close();
        SimBlobstore bs = SimBlobstore.load(dev, BlobstoreOptions.defaults());

        BlobId a = bs.create(BlobOptions.builder().numClusters(3).build());
        assertEquals(new BlobId(0x100000000L), a);
        try (Blob blob = bs.open(a)) {
            blob.setXattr("name", "file1\0".getBytes(StandardCharsets.US_ASCII));
            blob.setXattr("length", ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 12345).array());
            blob.syncMetadata();
        }
        BlobId b = bs.create(BlobOptions.builder().numClusters(4).thinProvision(true).build());
        assertEquals(new BlobId(0x100000002L), b);
        try (Blob blob = bs.open(b)) {
            ByteBuffer data = ByteBuffer.allocate(4096);
            data.put(0, (byte) 0xAB);
            blob.write(256, data);
        }
        BlobId c = bs.create(BlobOptions.builder().numClusters(2).useExtentTable(false).build());
        assertEquals(new BlobId(0x100000004L), c);
        bs.close();

        ByteBuffer sb = page(dev, 0);
        assertEquals("5350444b424c4f42030000000010000001000000ffffffffffffffff00001000"
                + "010000000100000002000000010000000400000040000000", hex(sb, 0, 56));
        assertEquals("00000000000000000000000000000000", hex(sb, 56, 72), "bstype");
        assertEquals("03000000010000000000000400000000" + "0010000000100000", hex(sb, 72, 96));
        assertEquals(0x8B3849A8, crc(sb));

        assertEquals("004000000" + "01f", hex(page(dev, 1), 0, 6), "used md pages 0..4");
        assertEquals("014000000" + "07f", hex(page(dev, 2), 0, 6), "used clusters 0..6");
        assertEquals("024000000" + "015", hex(page(dev, 3), 0, 6), "blob ids 0, 2, 4");

        ByteBuffer rootA = page(dev, 4);
        assertEquals("0000000001000000" + "00000000" + "00000000", hex(rootA, 0, 16));
        assertEquals("0318000000" + "0400000000000000" + "0000000000000000" + "0000000000000000", hex(rootA, 16, 45), "flags");
        assertEquals("020e0000000400060000" .substring(0, 18) + HEX.formatHex("namefile1\0".getBytes(StandardCharsets.US_ASCII)),
                hex(rootA, 45, 64), "xattr name");
        assertEquals("021200000006000800" + HEX.formatHex("length".getBytes(StandardCharsets.US_ASCII)) + "3930000000000000",
                hex(rootA, 64, 87), "xattr length");
        assertEquals("0510000000" + "0300000000000000" + "0100000001000000", hex(rootA, 87, 108), "extent table");
        assertEquals("ffffffff", hex(rootA, 4088, 4092));
        assertEquals(0xFE5E1E98, crc(rootA));

        ByteBuffer extentA = page(dev, 5);
        assertEquals("0000000001000000", hex(extentA, 0, 8));
        assertEquals("0610000000" + "00000000" + "010000000200000003000000", hex(extentA, 16, 37));
        assertEquals("ffffffff", hex(extentA, 4088, 4092));
        assertEquals(0x560ED104, crc(extentA));

        ByteBuffer rootB = page(dev, 6);
        assertEquals(0x100000002L, rootB.getLong(0));
        assertEquals(5, rootB.getLong(21), "invalid flags THIN | EXTENT_TABLE");
        assertEquals("0510000000" + "0400000000000000" + "0300000001000000", hex(rootB, 45, 66));
        ByteBuffer extentB = page(dev, 7);
        assertEquals("0614000000" + "00000000" + "00000000040000000000000000000000", hex(extentB, 16, 41));

        ByteBuffer rootC = page(dev, 8);
        assertEquals(0x100000004L, rootC.getLong(0));
        assertEquals(0, rootC.getLong(21));
        assertEquals("01080000000500000002000000", hex(rootC, 45, 58));
        assertEquals(0x8A7955A1, crc(rootC));

        SimBlobstore again = SimBlobstore.load(dev, BlobstoreOptions.defaults());
        try (Blob blob = again.open(b)) {
            ByteBuffer read = ByteBuffer.allocate(4096);
            blob.read(256, read);
            assertEquals((byte) 0xAB, read.get(0));
            assertEquals(1, blob.numAllocatedClusters());
        }
        try (Blob blob = again.open(a)) {
            assertArrayEquals("file1\0".getBytes(StandardCharsets.US_ASCII), blob.getXattr("name"));
            assertEquals(3, blob.numClusters());
        }
        assertEquals(57, again.freeClusters());
        again.close();
    }

    @Test
    void multiPageChain() {
        MemoryDevice dev = MemoryDevice.ofBytes(64 << 20, 4096);
        SimBlobstore bs = SimBlobstore.init(dev, BlobstoreOptions.defaults());
        BlobId id = bs.create(BlobOptions.builder().numClusters(2).build());
        try (Blob blob = bs.open(id)) {
            blob.setXattr("big", new byte[4060]);
            blob.setXattr("small", "v".getBytes(StandardCharsets.US_ASCII));
        }
        bs.close();
        ByteBuffer root = page(dev, 4);
        assertEquals(0, root.getInt(8));
        assertEquals(2, root.getInt(4088), "root -> md page 2");
        assertEquals(0, root.get(45), "root holds only FLAGS");
        ByteBuffer extent = page(dev, 5);
        assertEquals(6, extent.get(16), "md page 1 is the extent page");
        ByteBuffer second = page(dev, 6);
        assertEquals(1, second.getInt(8));
        assertEquals(3, second.getInt(4088));
        assertEquals(2, second.get(16), "XATTR big");
        assertEquals(4067, second.getInt(17));
        ByteBuffer third = page(dev, 7);
        assertEquals(2, third.getInt(8));
        assertEquals(-1, third.getInt(4088));
        assertEquals(2, third.get(16), "XATTR small");
        assertEquals(5, third.get(16 + 5 + 4 + 5 + 1), "then EXTENT_TABLE");
    }
}
