package io.github.blobds.cli;

import io.github.blobds.sim.BlockDevice;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * SPDK's super block ({@code struct spdk_bs_super_block}, page 0, little-endian) as read from an image,
 * field by field and without validation (the simulator's load validates), and the allocation masks it
 * points to ({@code struct spdk_bs_md_mask}: type, length in bits, LSB-first bitmap).
 */
record SuperBlockView(String signature, int version, int length, boolean clean, long superBlob, long clusterSize,
                      int usedPageMaskStart, int usedPageMaskLen, int usedClusterMaskStart, int usedClusterMaskLen,
                      int mdStart, int mdLen, String bstype, int usedBlobidMaskStart, int usedBlobidMaskLen, long size,
                      int ioUnitSize, int mdPageSize, long crc, boolean crcOk) {

    static final int PAGE = 4096;
    static final int USED_PAGES = 0;
    static final int USED_CLUSTERS = 1;
    static final int USED_BLOBIDS = 2;

    static SuperBlockView read(BlockDevice dev) {
        return decode(readPages(dev, 0, 1));
    }

    static SuperBlockView decode(ByteBuffer page) {
        ByteBuffer b = page.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        byte[] sig = new byte[8];
        b.get(0, sig);
        byte[] type = new byte[16];
        b.get(56, type);
        int n = 0;
        while (n < type.length && type[n] != 0) {
            n++;
        }
        CRC32C crc = new CRC32C();
        crc.update(b.duplicate().position(0).limit(PAGE - 4));
        long stored = Integer.toUnsignedLong(b.getInt(PAGE - 4));
        return new SuperBlockView(new String(sig, StandardCharsets.ISO_8859_1), b.getInt(8), b.getInt(12), b.getInt(16) == 1, b.getLong(20),
                Integer.toUnsignedLong(b.getInt(28)), b.getInt(32), b.getInt(36), b.getInt(40), b.getInt(44), b.getInt(48), b.getInt(52),
                new String(type, 0, n, StandardCharsets.ISO_8859_1), b.getInt(72), b.getInt(76), b.getLong(80), b.getInt(88), b.getInt(92),
                stored, stored == crc.getValue());
    }

    /** The fields under SPDK's names, in struct order. */
    Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("signature", signature);
        m.put("version", version);
        m.put("length", length);
        m.put("clean", clean ? 1 : 0);
        m.put("super_blob", superBlob == -1 ? "none (0xffffffffffffffff)" : "0x" + Long.toHexString(superBlob));
        m.put("cluster_size", clusterSize);
        m.put("used_page_mask_start", usedPageMaskStart);
        m.put("used_page_mask_len", usedPageMaskLen);
        m.put("used_cluster_mask_start", usedClusterMaskStart);
        m.put("used_cluster_mask_len", usedClusterMaskLen);
        m.put("md_start", mdStart);
        m.put("md_len", mdLen);
        m.put("bstype", "\"" + bstype + "\"");
        m.put("used_blobid_mask_start", usedBlobidMaskStart);
        m.put("used_blobid_mask_len", usedBlobidMaskLen);
        m.put("size", size);
        m.put("io_unit_size", ioUnitSize);
        m.put("md_page_size", mdPageSize);
        m.put("crc", String.format("0x%08x (%s)", crc, crcOk ? "valid" : "INVALID"));
        return m;
    }

    long totalClusters(long deviceBytes) {
        return (size == 0 ? deviceBytes : size) / clusterSize;
    }

    /** The used-pages mask on {@code dev} (bits for the md pages). */
    BitSet usedPages(BlockDevice dev) {
        return mask(dev, usedPageMaskStart, usedPageMaskLen, USED_PAGES, mdLen, "used-pages mask");
    }

    BitSet usedClusters(BlockDevice dev) {
        return mask(dev, usedClusterMaskStart, usedClusterMaskLen, USED_CLUSTERS, totalClusters(dev.sizeBytes()), "used-clusters mask");
    }

    BitSet usedBlobIds(BlockDevice dev) {
        return mask(dev, usedBlobidMaskStart, usedBlobidMaskLen, USED_BLOBIDS, mdLen, "used-blobids mask");
    }

    private static BitSet mask(BlockDevice dev, int start, int pages, int expectedType, long maxBits, String what) {
        if (pages == 0) {
            return new BitSet();
        }
        ByteBuffer b = readPages(dev, start, pages).order(ByteOrder.LITTLE_ENDIAN);
        int type = b.get(0);
        if (type != expectedType) {
            throw new CliException(what + " (page " + start + ") has type " + type + ", expected " + expectedType);
        }
        long bits = Math.min(Integer.toUnsignedLong(b.getInt(1)), maxBits);
        if (5 + (bits + 7) / 8 > b.capacity()) {
            throw new CliException(what + " (page " + start + ") of " + bits + " bits overruns its " + pages + " pages");
        }
        byte[] bytes = new byte[(int) ((bits + 7) / 8)];
        b.get(5, bytes);
        BitSet set = BitSet.valueOf(bytes);
        if (set.length() > bits) {
            set.clear((int) bits, set.length());
        }
        return set;
    }

    private static ByteBuffer readPages(BlockDevice dev, long firstPage, int pages) {
        ByteBuffer b = ByteBuffer.allocate(pages * PAGE);
        dev.read(firstPage * PAGE / dev.blockSize(), b);
        return b.flip();
    }
}
