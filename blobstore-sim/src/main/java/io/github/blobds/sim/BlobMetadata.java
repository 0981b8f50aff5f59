package io.github.blobds.sim;

import io.github.blobds.blobstore.BlobstoreException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * A blob's metadata in memory and its exact on-disk encoding (reference §2.5–§2.6): the flags, public
 * and internal xattrs, and the cluster map as an extent table with extent pages or as run-length
 * extents. {@link #serialize()} reproduces SPDK's descriptor layout byte for byte, including its
 * page-filling rules and quirks; {@link #parseChain} reads it back with SPDK's checks, never reading
 * outside a page.
 */
final class BlobMetadata {

    static final int DESC_PADDING = 0;
    static final int DESC_EXTENT_RLE = 1;
    static final int DESC_XATTR = 2;
    static final int DESC_FLAGS = 3;
    static final int DESC_XATTR_INTERNAL = 4;
    static final int DESC_EXTENT_TABLE = 5;
    static final int DESC_EXTENT_PAGE = 6;

    static final long FLAG_THIN = 1;
    static final long FLAG_INTERNAL_XATTR = 2;
    static final long FLAG_EXTENT_TABLE = 4;
    static final long FLAG_EXTERNAL_SNAPSHOT = 8;
    static final long INVALID_FLAGS_MASK = 0xF;
    static final long READ_ONLY = 1;
    static final long DATA_RO_FLAGS_MASK = 1;
    static final long MD_RO_FLAGS_MASK = 3;

    static final int EXTENTS_PER_EP = 512;
    static final int MAX_XATTR_DESC = Page.DESCRIPTORS_SIZE;

    final long id;
    long invalidFlags;
    long dataRoFlags;
    long mdRoFlags;
    boolean dataRo;
    boolean mdRo;
    final Map<String, byte[]> xattrs = new LinkedHashMap<>();
    final Map<String, byte[]> internalXattrs = new LinkedHashMap<>();
    boolean useExtentTable;
    /** Device cluster per blob cluster; 0 = unallocated. Only the first {@link #numClusters} count. */
    long[] clusters = new long[0];
    long numClusters;
    /** md page per extent page slot; 0 = none. Only the first {@link #numExtentPages} count. */
    int[] extentPages = new int[0];
    int numExtentPages;

    BlobMetadata(long id) {
        this.id = id;
    }

    boolean isThin() {
        return (invalidFlags & FLAG_THIN) != 0;
    }

    long allocatedClusters() {
        long n = 0;
        for (int i = 0; i < numClusters; i++) {
            if (clusters[i] != 0) {
                n++;
            }
        }
        return n;
    }

    static int extentPagesFor(long clusters) {
        return (int) ((clusters + EXTENTS_PER_EP - 1) / EXTENTS_PER_EP);
    }

    /** Size of an xattr descriptor: header, two lengths, name and value. */
    static int xattrDescSize(String name, byte[] value) {
        return 5 + 4 + name.getBytes(StandardCharsets.UTF_8).length + value.length;
    }

    // ---------------------------------------------------------------- serialization

    /** Builds the chain pages (root first) with ids and sequence numbers; next and CRC are left to the caller. */
    List<ByteBuffer> serialize() {
        Writer w = new Writer();
        w.page.put(Page.DESCRIPTORS, (byte) DESC_FLAGS).putInt(Page.DESCRIPTORS + 1, 24)
                .putLong(Page.DESCRIPTORS + 5, invalidFlags).putLong(Page.DESCRIPTORS + 13, dataRoFlags)
                .putLong(Page.DESCRIPTORS + 21, mdRoFlags);
        w.pos = Page.DESCRIPTORS + 29;
        serializeXattrs(w, xattrs, DESC_XATTR);
        serializeXattrs(w, internalXattrs, DESC_XATTR_INTERNAL);
        if (useExtentTable) {
            serializeExtentTable(w);
        } else {
            serializeRle(w);
        }
        return w.pages;
    }

    /** Appends chain pages as SPDK's serializer does. */
    private final class Writer {
        final List<ByteBuffer> pages = new ArrayList<>();
        ByteBuffer page;
        int pos;

        Writer() {
            addPage();
        }

        void addPage() {
            page = Page.header(id, pages.size());
            pages.add(page);
            pos = Page.DESCRIPTORS;
        }

        int remaining() {
            return Page.NEXT - pos;
        }
    }

    private static void serializeXattrs(Writer w, Map<String, byte[]> map, int type) {
        for (Map.Entry<String, byte[]> x : map.entrySet()) {
            byte[] name = x.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = x.getValue();
            int size = 9 + name.length + value.length;
            if (w.remaining() < size) {
                w.addPage();
                if (w.remaining() < size) {
                    throw new BlobstoreException(BlobstoreException.ENOMEM, "xattr " + x.getKey() + " does not fit a metadata page");
                }
            }
            ByteBuffer p = w.page;
            p.put(w.pos, (byte) type).putInt(w.pos + 1, 4 + name.length + value.length)
                    .putShort(w.pos + 5, (short) name.length).putShort(w.pos + 7, (short) value.length);
            p.put(w.pos + 9, name).put(w.pos + 9 + name.length, value);
            w.pos += size;
        }
    }

    /** SPDK's blob_serialize_extent_table(_entry), including the zero-extent-page quirk. */
    private void serializeExtentTable(Writer w) {
        int next = 0;
        while (next <= numExtentPages) {
            next = serializeExtentTableEntry(w, next);
            if (next == numExtentPages) {
                break;
            }
            w.addPage();
        }
    }

    private int serializeExtentTableEntry(Writer w, int start) {
        int curSize = 5 + 8;
        if (w.remaining() < curSize) {
            return start;
        }
        ByteBuffer p = w.page;
        int desc = w.pos;
        p.put(desc, (byte) DESC_EXTENT_TABLE).putLong(desc + 5, numClusters);
        int epLen = 1;
        int entries = 0;
        int i;
        for (i = start; i < numExtentPages; i++) {
            if (w.remaining() < curSize + 8) {
                break;
            }
            int ep = extentPages[i];
            if (ep == 0 && i + 1 < numExtentPages && extentPages[i + 1] == 0) {
                epLen++;
                continue;
            }
            p.putInt(desc + 13 + 8 * entries, ep).putInt(desc + 17 + 8 * entries, epLen);
            entries++;
            epLen = 1;
            curSize += 8;
        }
        int length = 8 + 8 * entries;
        p.putInt(desc + 1, length);
        w.pos += 5 + length;
        return i;
    }

    /** SPDK's blob_serialize_extents_rle(_extent_rle). */
    private void serializeRle(Writer w) {
        long next = 0;
        while (next < numClusters) {
            next = serializeRleExtent(w, next);
            if (next == numClusters) {
                break;
            }
            w.addPage();
        }
    }

    private long serializeRleExtent(Writer w, long start) {
        int curSize = 5 + 8;
        if (w.remaining() < curSize) {
            return start;
        }
        ByteBuffer p = w.page;
        int desc = w.pos;
        p.put(desc, (byte) DESC_EXTENT_RLE);
        long cluster = clusters[(int) start];
        long count = 1;
        int extents = 0;
        long next = numClusters;
        boolean ranOut = false;
        for (long i = start + 1; i < numClusters; i++) {
            long c = clusters[(int) i];
            if ((cluster != 0 && cluster + count == c) || (cluster == 0 && c == 0)) {
                count++;
                continue;
            }
            p.putInt(desc + 5 + 8 * extents, (int) cluster).putInt(desc + 9 + 8 * extents, (int) count);
            extents++;
            curSize += 8;
            if (w.remaining() < curSize) {
                next = i;
                ranOut = true;
                break;
            }
            cluster = c;
            count = 1;
        }
        if (!ranOut) {
            p.putInt(desc + 5 + 8 * extents, (int) cluster).putInt(desc + 9 + 8 * extents, (int) count);
            extents++;
        }
        p.putInt(desc + 1, 8 * extents);
        w.pos += 5 + 8 * extents;
        return next;
    }

    /** The extent page for slot {@code slot} (SPDK's blob_serialize_extent_page), sealed with its CRC. */
    ByteBuffer serializeExtentPage(int slot) {
        ByteBuffer p = Page.header(id, 0);
        long start = (long) slot * EXTENTS_PER_EP;
        int n = (int) Math.max(0, Math.min(EXTENTS_PER_EP, numClusters - start));
        int d = Page.DESCRIPTORS;
        p.put(d, (byte) DESC_EXTENT_PAGE).putInt(d + 1, 4 + 4 * n).putInt(d + 5, (int) start);
        for (int i = 0; i < n; i++) {
            p.putInt(d + 9 + 4 * i, (int) clusters[(int) (start + i)]);
        }
        Page.sealCrc(p);
        return p;
    }

    // ---------------------------------------------------------------- parsing

    /** What a chain holds besides flags and xattrs. */
    static final class Parsed {
        /** The most clusters a blob can claim: a thin blob may be larger than the device, but not absurdly. */
        long maxClusters = 1L << 24;
        boolean rleFound;
        boolean tableFound;
        long tableClusters;
        final List<Integer> extentSlots = new ArrayList<>();
        final List<Long> rleClusters = new ArrayList<>();
    }

    /**
     * Parses the descriptors of one chain page into this blob (SPDK's blob_parse_page). Unknown
     * descriptor types are skipped unless {@code strict} (dirty-load recovery, where they are fatal).
     */
    void parsePage(ByteBuffer page, int mdPage, Parsed parsed, LongPredicate clusterUsed, boolean strict) {
        ByteBuffer b = page.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int off = Page.DESCRIPTORS;
        String where = "blob " + hex(id) + " md page " + mdPage;
        while (off + 5 <= Page.NEXT) {
            int type = b.get(off) & 0xff;
            long length = Integer.toUnsignedLong(b.getInt(off + 1));
            if (type == DESC_PADDING && length == 0) {
                break;
            }
            if (off + 5 + length > Page.NEXT) {
                throw new BlobstoreException(BlobstoreException.EINVAL,
                        where + ": descriptor type " + type + " at offset " + off + " of length " + length + " overruns the page");
            }
            int body = off + 5;
            switch (type) {
                case DESC_PADDING -> { }
                case DESC_FLAGS -> parseFlags(b, body, length, where);
                case DESC_XATTR, DESC_XATTR_INTERNAL -> parseXattr(b, body, length, type == DESC_XATTR ? xattrs : internalXattrs, where);
                case DESC_EXTENT_RLE -> parseRle(b, body, length, parsed, clusterUsed, where);
                case DESC_EXTENT_TABLE -> parseTable(b, body, length, parsed, where);
                default -> {
                    if (strict) {
                        throw new BlobstoreException(BlobstoreException.EILSEQ, where + ": unknown descriptor type " + type + " at offset " + off);
                    }
                }
            }
            off += 5 + (int) length;
        }
        if (parsed.rleFound && parsed.tableFound) {
            throw new BlobstoreException(BlobstoreException.EINVAL, where + ": both run-length extents and an extent table");
        }
    }

    private void parseFlags(ByteBuffer b, int body, long length, String where) {
        if (length != 24) {
            throw new BlobstoreException(BlobstoreException.EINVAL, where + ": flags descriptor of length " + length + ", expected 24");
        }
        invalidFlags = b.getLong(body);
        dataRoFlags = b.getLong(body + 8);
        mdRoFlags = b.getLong(body + 16);
        if ((invalidFlags & ~INVALID_FLAGS_MASK) != 0) {
            throw new BlobstoreException(BlobstoreException.EINVAL, where + ": unknown invalid flags 0x" + Long.toHexString(invalidFlags));
        }
        if ((invalidFlags & FLAG_EXTERNAL_SNAPSHOT) != 0) {
            throw new BlobstoreException(BlobstoreException.ENOTSUP, where + ": external-snapshot clones are not supported");
        }
        if ((dataRoFlags & ~DATA_RO_FLAGS_MASK) != 0 || (dataRoFlags & READ_ONLY) != 0) {
            dataRo = true;
            mdRo = true;
        }
        if ((mdRoFlags & ~MD_RO_FLAGS_MASK) != 0) {
            mdRo = true;
        }
    }

    private static void parseXattr(ByteBuffer b, int body, long length, Map<String, byte[]> into, String where) {
        if (length < 4) {
            throw new BlobstoreException(BlobstoreException.EINVAL, where + ": xattr descriptor of length " + length);
        }
        int nameLen = Short.toUnsignedInt(b.getShort(body));
        int valueLen = Short.toUnsignedInt(b.getShort(body + 2));
        if (length != 4L + nameLen + valueLen) {
            throw new BlobstoreException(BlobstoreException.EINVAL,
                    where + ": xattr descriptor length " + length + " != 4 + " + nameLen + " + " + valueLen);
        }
        byte[] name = new byte[nameLen];
        b.get(body + 4, name);
        byte[] value = new byte[valueLen];
        b.get(body + 4 + nameLen, value);
        into.put(new String(name, StandardCharsets.UTF_8), value);
    }

    private void parseRle(ByteBuffer b, int body, long length, Parsed parsed, LongPredicate clusterUsed, String where) {
        if (length == 0 || length % 8 != 0) {
            throw new BlobstoreException(BlobstoreException.EINVAL, where + ": run-length extent descriptor of length " + length);
        }
        parsed.rleFound = true;
        for (int i = 0; i < length / 8; i++) {
            long start = Integer.toUnsignedLong(b.getInt(body + 8 * i));
            long count = Integer.toUnsignedLong(b.getInt(body + 4 + 8 * i));
            if (count > parsed.maxClusters || parsed.rleClusters.size() + count > parsed.maxClusters) {
                throw new BlobstoreException(BlobstoreException.EINVAL, where + ": run of " + count + " clusters is too long");
            }
            for (long j = 0; j < count; j++) {
                if (start != 0) {
                    if (!clusterUsed.test(start + j)) {
                        throw new BlobstoreException(BlobstoreException.EINVAL,
                                where + ": cluster " + (start + j) + " is not marked used");
                    }
                    parsed.rleClusters.add(start + j);
                } else if (isThin()) {
                    parsed.rleClusters.add(0L);
                } else {
                    throw new BlobstoreException(BlobstoreException.EINVAL, where + ": unallocated cluster in a thick blob");
                }
            }
        }
    }

    private static void parseTable(ByteBuffer b, int body, long length, Parsed parsed, String where) {
        if (length < 8 || (length - 8) % 8 != 0) {
            throw new BlobstoreException(BlobstoreException.EINVAL, where + ": extent table descriptor of length " + length);
        }
        parsed.tableFound = true;
        parsed.tableClusters = b.getLong(body);
        if (parsed.tableClusters < 0 || parsed.tableClusters > parsed.maxClusters) {
            throw new BlobstoreException(BlobstoreException.EINVAL, where + ": extent table of " + parsed.tableClusters + " clusters");
        }
        for (int i = 0; i < (length - 8) / 8; i++) {
            int pageIdx = b.getInt(body + 8 + 8 * i);
            long numPages = Integer.toUnsignedLong(b.getInt(body + 12 + 8 * i));
            if (parsed.extentSlots.size() + numPages > extentPagesFor(parsed.tableClusters)) {
                throw new BlobstoreException(BlobstoreException.EINVAL, where + ": extent table lists more extent pages than "
                        + parsed.tableClusters + " clusters need");
            }
            for (long j = 0; j < numPages; j++) {
                parsed.extentSlots.add(pageIdx);
            }
        }
    }

    /** Parses an extent page for slot {@code slot} into {@link #clusters}. */
    void parseExtentPage(ByteBuffer page, int mdPage, int slot, LongPredicate clusterUsed) {
        String where = "blob " + hex(id) + " extent page " + mdPage;
        ByteBuffer b = page.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        Page.checkCrc(b, where, BlobstoreException.EINVAL);
        int d = Page.DESCRIPTORS;
        int type = b.get(d) & 0xff;
        long length = Integer.toUnsignedLong(b.getInt(d + 1));
        if (type != DESC_EXTENT_PAGE || length < 4 || (length - 4) % 4 != 0 || d + 5 + length > Page.NEXT) {
            throw new BlobstoreException(BlobstoreException.EINVAL, where + ": not a well-formed extent page descriptor");
        }
        long start = Integer.toUnsignedLong(b.getInt(d + 5));
        long n = (length - 4) / 4;
        if (start != (long) slot * EXTENTS_PER_EP || start >= numClusters || n > EXTENTS_PER_EP) {
            throw new BlobstoreException(BlobstoreException.EINVAL,
                    where + ": covers clusters [" + start + ", " + (start + n) + ") but slot " + slot + " of a " + numClusters + "-cluster blob");
        }
        // Entries beyond the table's size are the extent page of a growth whose root page was not
        // persisted (a crash between SPDK's two writes): the blob's size is the root's, so they are ignored.
        n = Math.min(n, numClusters - start);
        for (int i = 0; i < n; i++) {
            long c = Integer.toUnsignedLong(b.getInt(d + 9 + 4 * i));
            if (c != 0 && !clusterUsed.test(c)) {
                throw new BlobstoreException(BlobstoreException.EINVAL, where + ": cluster " + c + " is not marked used");
            }
            if (c == 0 && !isThin()) {
                throw new BlobstoreException(BlobstoreException.EINVAL, where + ": unallocated cluster in a thick blob");
            }
            clusters[(int) (start + i)] = c;
        }
    }

    /** Applies the parsed cluster layout: run-length clusters, or the extent table's size and slots. */
    void applyLayout(Parsed parsed) {
        if (parsed.tableFound) {
            useExtentTable = true;
            numClusters = parsed.tableClusters;
            clusters = new long[(int) numClusters];
            numExtentPages = extentPagesFor(numClusters);
            extentPages = new int[numExtentPages];
            for (int i = 0; i < parsed.extentSlots.size(); i++) {
                extentPages[i] = parsed.extentSlots.get(i);
            }
        } else {
            useExtentTable = false;
            numClusters = parsed.rleClusters.size();
            clusters = parsed.rleClusters.stream().mapToLong(Long::longValue).toArray();
            numExtentPages = 0;
            extentPages = new int[0];
        }
    }

    /** Grows the arrays to hold {@code n} clusters (never shrinks them). */
    void ensureCapacity(long n) {
        if (clusters.length < n) {
            clusters = Arrays.copyOf(clusters, (int) n);
        }
        int eps = extentPagesFor(n);
        if (useExtentTable && extentPages.length < eps) {
            extentPages = Arrays.copyOf(extentPages, eps);
        }
    }

    static String hex(long id) {
        return "0x" + Long.toHexString(id);
    }
}
