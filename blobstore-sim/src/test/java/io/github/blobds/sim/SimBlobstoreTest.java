package io.github.blobds.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.blobstore.Blob;
import io.github.blobds.blobstore.BlobId;
import io.github.blobds.blobstore.BlobOptions;
import io.github.blobds.blobstore.BlobstoreException;
import io.github.blobds.blobstore.BlobstoreOptions;
import io.github.blobds.blobstore.ClearMethod;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Simulator behaviour beyond the Blobstore suite: layouts, clear methods, recovery, devices. */
class SimBlobstoreTest {

    static final BlobstoreOptions SMALL = BlobstoreOptions.defaults().withClusterSize(64 << 10);

    static int errno(Runnable r) {
        return assertThrows(BlobstoreException.class, r::run).errno();
    }

    static byte[] pattern(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void shrinkFreesClustersAtSyncAndReloads(boolean extentTable) {
        MemoryDevice dev = MemoryDevice.ofBytes(64 << 20, 4096);
        SimBlobstore bs = SimBlobstore.init(dev, SMALL);
        long free = bs.freeClusters();
        BlobId id = bs.create(BlobOptions.builder().numClusters(600).useExtentTable(extentTable).build());
        assertEquals(free - 600, bs.freeClusters());
        try (Blob blob = bs.open(id)) {
            blob.write(599L * 16, ByteBuffer.wrap(pattern(4096, 1)));
            blob.resize(10);
            assertEquals(free - 600, bs.freeClusters(), "shrink frees only at sync");
            blob.syncMetadata();
            assertEquals(free - 10, bs.freeClusters());
            assertEquals(BlobstoreException.EINVAL, errno(() -> blob.read(599L * 16, ByteBuffer.allocate(4096))));
        }
        bs.close();
        SimBlobstore again = SimBlobstore.load(dev, SMALL);
        try (Blob blob = again.open(id)) {
            assertEquals(10, blob.numClusters());
        }
        assertEquals(free - 10, again.freeClusters());
        again.close();
        SimBlobstore recovered = SimBlobstore.load(dev, SMALL.withForceRecover(true));
        assertEquals(free - 10, recovered.freeClusters(), "recovery rebuilds the same masks");
        recovered.close();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void thinBlobsAllocateOnWriteAndFreeOnWholeClusterUnmap(boolean extentTable) {
        MemoryDevice dev = MemoryDevice.ofBytes(16 << 20, 4096);
        SimBlobstore bs = SimBlobstore.init(dev, SMALL);
        long free = bs.freeClusters();
        BlobId id = bs.create(BlobOptions.builder().numClusters(1000).thinProvision(true).useExtentTable(extentTable).build());
        assertEquals(free, bs.freeClusters());
        byte[] data = pattern(8192, 2);
        try (Blob blob = bs.open(id)) {
            blob.write(16L * 700 + 15, ByteBuffer.wrap(data));
            assertEquals(2, blob.numAllocatedClusters(), "a write across a boundary allocates two clusters");
            blob.writeZeroes(16L * 3, 1);
            assertEquals(3, blob.numAllocatedClusters());
            blob.unmap(16L * 3, 16);
            assertEquals(2, blob.numAllocatedClusters(), "a whole-cluster unmap frees it");
            blob.unmap(16L * 700 + 15, 1);
            assertEquals(2, blob.numAllocatedClusters(), "a partial unmap frees nothing");
        }
        assertEquals(free - 2, bs.freeClusters());
        SimBlobstore dirty = SimBlobstore.load(dev, SMALL);
        try (Blob blob = dirty.open(id)) {
            ByteBuffer back = ByteBuffer.allocate(8192);
            blob.read(16L * 700 + 15, back);
            byte[] expected = data.clone();
            java.util.Arrays.fill(expected, 0, 4096, (byte) 0);
            assertArrayEquals(expected, back.array(), "the unmapped io_unit reads as zeroes, the rest as written");
        }
        assertEquals(free - 2, dirty.freeClusters(), "recovery finds the thin allocations");
        dirty.close();
    }

    @Test
    void clearMethods() {
        for (ClearMethod m : ClearMethod.values()) {
            MemoryDevice dev = MemoryDevice.ofBytes(8 << 20, 4096);
            SimBlobstore bs = SimBlobstore.init(dev, SMALL.withClearMethod(BlobstoreOptions.BsClearMethod.WRITE_ZEROES));
            BlobId id = bs.create(BlobOptions.builder().numClusters(1).clearMethod(m).build());
            long cluster;
            try (Blob blob = bs.open(id)) {
                blob.write(0, ByteBuffer.wrap(pattern(4096, 3)));
                cluster = 64 << 10;
            }
            bs.delete(id);
            ByteBuffer raw = ByteBuffer.allocate(4096);
            dev.read(bs.totalDataClusters() > 0 ? firstDataCluster(bs) * cluster / 4096 : 0, raw);
            boolean zeroed = java.util.Arrays.equals(new byte[4096], raw.array());
            assertEquals(m != ClearMethod.NONE, zeroed, "clear method " + m);
            bs.close();
        }
    }

    static long firstDataCluster(SimBlobstore bs) {
        return bs.numMdClusters;
    }

    @Test
    void handlesAndErrors() {
        MemoryDevice dev = MemoryDevice.ofBytes(8 << 20, 4096);
        SimBlobstore bs = SimBlobstore.init(dev, SMALL);
        BlobId id = bs.create(BlobOptions.builder().numClusters(1).build());
        Blob a = bs.open(id);
        Blob b = bs.open(id);
        a.close();
        a.close();
        assertEquals(BlobstoreException.EBADF, errno(() -> a.numClusters()));
        assertEquals(BlobstoreException.EBUSY, errno(() -> bs.delete(id)));
        assertEquals(BlobstoreException.EBUSY, errno(bs::close));
        b.setReadOnly();
        b.syncMetadata();
        assertTrue(b.isReadOnly());
        assertEquals(BlobstoreException.EPERM, errno(() -> b.write(0, ByteBuffer.allocate(4096))));
        assertEquals(BlobstoreException.EPERM, errno(() -> b.resize(2)));
        assertEquals(BlobstoreException.EPERM, errno(() -> b.setXattr("x", new byte[1])));
        assertEquals(BlobstoreException.EPERM, errno(() -> b.removeXattr("x")));
        assertEquals(BlobstoreException.EINVAL, errno(() -> b.read(0, ByteBuffer.allocate(100))));
        b.close();
        assertEquals(BlobstoreException.ENOENT, errno(() -> bs.open(new BlobId(0))));
        assertEquals(BlobstoreException.ENOENT, errno(() -> bs.open(BlobId.ofPage(5))));
        assertEquals(BlobstoreException.ENOENT, errno(() -> bs.open(BlobId.ofPage(1 << 30))));
        assertEquals(BlobstoreException.EINVAL, errno(() -> bs.create(BlobOptions.builder().xattr("empty", new byte[0]).build())));
        assertEquals(BlobstoreException.ENOMEM, errno(() -> bs.create(BlobOptions.builder().xattr("big", new byte[4061]).build())));
        assertEquals(List.of(id), bs.blobIds(), "failed creates leak nothing");
        bs.close();
        bs.close();
        assertEquals(BlobstoreException.EIO, errno(() -> bs.create(BlobOptions.defaults())));
        assertTrue(bs.toString().contains("65536"));
        assertEquals(dev, bs.device());
    }

    @Test
    void initChecks() {
        MemoryDevice dev = MemoryDevice.ofBytes(8 << 20, 4096);
        assertEquals(BlobstoreException.EINVAL, errno(() -> SimBlobstore.init(dev, SMALL.withClusterSize(1000))));
        assertEquals(BlobstoreException.EINVAL, errno(() -> SimBlobstore.init(dev, SMALL.withNumMdPages(0))));
        assertEquals(BlobstoreException.ENOSPC, errno(() -> SimBlobstore.init(MemoryDevice.ofBytes(32 << 10, 4096), SMALL)));
        assertEquals(BlobstoreException.ENOMEM, errno(() -> SimBlobstore.init(MemoryDevice.ofBytes(64 << 20, 4096), SMALL.withClusterSize(4096))));
        SimBlobstore few = SimBlobstore.init(dev, SMALL.withNumMdPages(3));
        few.create(BlobOptions.defaults());
        few.create(BlobOptions.defaults());
        assertEquals(BlobstoreException.ENOSPC, errno(() -> few.create(BlobOptions.builder().numClusters(1).build())),
                "the extent page needs a fourth page: ENOSPC as SPDK");
        few.create(BlobOptions.defaults());
        assertEquals(BlobstoreException.ENOMEM, errno(() -> few.create(BlobOptions.defaults())), "no free page for a root");
        few.close();
    }

    @Test
    void fileDevice(@TempDir Path dir) {
        Path img = dir.resolve("dev.img");
        try (FileDevice dev = FileDevice.create(img, 4 << 20, 512)) {
            assertEquals(8192, dev.blockCount());
            dev.write(3, ByteBuffer.wrap(pattern(1024, 4)));
            dev.flush();
            assertEquals(img, dev.path());
            assertEquals(BlobstoreException.EINVAL, errno(() -> dev.write(8191, ByteBuffer.allocate(1024))));
            assertEquals(BlobstoreException.EINVAL, errno(() -> dev.read(0, ByteBuffer.allocate(100))));
            dev.writeZeroes(4, 1);
            ByteBuffer back = ByteBuffer.allocate(1024);
            dev.read(3, back);
            byte[] expected = pattern(1024, 4);
            java.util.Arrays.fill(expected, 512, 1024, (byte) 0);
            assertArrayEquals(expected, back.array());
        }
        try (FileDevice dev = FileDevice.open(img, 4096)) {
            assertEquals(1024, dev.blockCount());
            dev.close();
            assertEquals(BlobstoreException.EIO, errno(() -> dev.read(0, ByteBuffer.allocate(4096))));
        }
        assertEquals(BlobstoreException.EINVAL, errno(() -> FileDevice.open(img, 1000)));
        assertEquals(BlobstoreException.EIO, errno(() -> FileDevice.open(dir.resolve("missing"), 4096)));
        assertTrue(Files.exists(img));
    }

    @Test
    void memoryDevice() {
        MemoryDevice dev = new MemoryDevice(4096, 512);
        dev.write(1, ByteBuffer.wrap(pattern(512 * 3000, 5)));
        dev.writeZeroes(0, 4096);
        ByteBuffer back = ByteBuffer.allocate(512 * 4096);
        dev.read(0, back);
        assertArrayEquals(new byte[512 * 4096], back.array());
        dev.unmap(0, 1);
        dev.flush();
        assertTrue(dev.toString().contains("512"));
        dev.close();
        assertEquals(BlobstoreException.EIO, errno(dev::flush));
    }

    @Test
    void blobIdsSkipBlobsThatCannotOpen() {
        MemoryDevice dev = MemoryDevice.ofBytes(8 << 20, 4096);
        SimBlobstore bs = SimBlobstore.init(dev, SMALL);
        BlobId a = bs.create(BlobOptions.defaults());
        BlobId b = bs.create(BlobOptions.defaults());
        bs.close();
        ByteBuffer page = ByteBuffer.allocate(4096);
        long lba = (bs.sb.mdStart + b.pageIndex());
        dev.read(lba, page);
        page.put(100, (byte) 0x5a);
        dev.write(lba, page.clear());
        SimBlobstore again = SimBlobstore.load(dev, SMALL);
        assertEquals(List.of(a), again.blobIds());
        BlobstoreException e = assertThrows(BlobstoreException.class, () -> again.open(b));
        assertEquals(BlobstoreException.EINVAL, e.errno());
        assertTrue(e.getMessage().contains("CRC"), e::getMessage);
        assertEquals(BlobstoreException.EINVAL, errno(() -> again.delete(b)));
        again.close();
    }
}
