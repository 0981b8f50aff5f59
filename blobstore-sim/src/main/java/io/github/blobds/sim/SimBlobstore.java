package io.github.blobds.sim;

import static io.github.blobds.blobstore.BlobstoreException.EBUSY;
import static io.github.blobds.blobstore.BlobstoreException.EINVAL;
import static io.github.blobds.blobstore.BlobstoreException.ENOENT;
import static io.github.blobds.blobstore.BlobstoreException.ENOMEM;
import static io.github.blobds.blobstore.BlobstoreException.ENOSPC;
import static io.github.blobds.blobstore.BlobstoreException.EPERM;

import io.github.blobds.blobstore.Blob;
import io.github.blobds.blobstore.BlobId;
import io.github.blobds.blobstore.BlobOptions;
import io.github.blobds.blobstore.Blobstore;
import io.github.blobds.blobstore.BlobstoreException;
import io.github.blobds.blobstore.BlobstoreOptions;
import io.github.blobds.blobstore.ClearMethod;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * SPDK's Blobstore in pure Java, writing SPDK's exact on-disk format (reference §2) on a
 * {@link BlockDevice}, with SPDK's semantics and errnos (§3): an image it writes loads in SPDK (an aio
 * bdev with the same block size) and SPDK's images load here.
 *
 * <p>Every operation, I/O included, runs under one lock, so calls from any thread are serialised (the
 * simulator favours exactness over parallelism). Unlike SPDK, which assumes a completed write is
 * durable, the simulator puts device flushes between dependent metadata writes (extent and chain
 * pages before the root page that points to them, the root before the pages it no longer points to,
 * the dirty super block before any metadata), so a device that loses or reorders unflushed writes
 * still leaves a loadable blobstore; the on-disk bytes are SPDK's. The blobstore does not own the device: {@link #close()}
 * unloads cleanly and flushes the device but leaves it open. Snapshots, clones, external snapshots and
 * growing are not implemented: blobs using them fail to open with {@code ENOTSUP} or {@code EINVAL}.
 */
public final class SimBlobstore implements Blobstore {

    final BlockDevice dev;
    final SuperBlock sb;
    final long clusterSize;
    final int ioUnitSize;
    final long totalClusters;
    final int numMdClusters;
    final BitSet usedPages;
    final BitSet usedClusters;
    final BitSet usedBlobIds;
    final ReentrantLock lock = new ReentrantLock();
    private final Map<Long, BlobState> open = new HashMap<>();
    /** Whether the super block on the device says dirty (clean = 0). */
    private boolean dirtyOnDisk;
    private boolean closed;

    private SimBlobstore(BlockDevice dev, SuperBlock sb, BitSet usedPages, BitSet usedClusters, BitSet usedBlobIds) {
        this.dev = dev;
        this.sb = sb;
        this.clusterSize = sb.clusterSize;
        this.ioUnitSize = sb.ioUnitSize;
        this.totalClusters = sb.size / sb.clusterSize;
        this.numMdClusters = (int) ((sb.mdStart + (long) sb.mdLen + pagesPerCluster() - 1) / pagesPerCluster());
        this.usedPages = usedPages;
        this.usedClusters = usedClusters;
        this.usedBlobIds = usedBlobIds;
        this.dirtyOnDisk = !sb.clean;
    }

    private long pagesPerCluster() {
        return sb.clusterSize / Page.SIZE;
    }

    // ------------------------------------------------------------------ init, load, unload

    /** Formats {@code dev} with a new, empty blobstore (SPDK's {@code spdk_bs_init}, reference §3.1). */
    public static SimBlobstore init(BlockDevice dev, BlobstoreOptions options) {
        long cluster = options.clusterSize();
        if (cluster <= 0 || cluster % Page.SIZE != 0 || cluster > 0xFFFFFFFFL) {
            throw new BlobstoreException(EINVAL, "cluster size " + cluster + " is not a non-zero multiple of 4096");
        }
        if (options.numMdPages() == 0 || options.numMdPages() < -1) {
            throw new BlobstoreException(EINVAL, "number of metadata pages " + options.numMdPages() + " is not valid");
        }
        long devBytes = dev.sizeBytes();
        if (devBytes < cluster) {
            throw new BlobstoreException(ENOSPC, "device of " + devBytes + " bytes holds no " + cluster + "-byte cluster");
        }
        long totalClusters = dev.blockCount() / (cluster / dev.blockSize());
        long mdLen = options.numMdPages() == -1 ? totalClusters : options.numMdPages();
        if (mdLen > Integer.MAX_VALUE / 2) {
            throw new BlobstoreException(ENOMEM, mdLen + " metadata pages are too many");
        }
        SuperBlock s = new SuperBlock();
        s.clusterSize = cluster;
        s.mdLen = (int) mdLen;
        s.usedPageMaskStart = 1;
        s.usedPageMaskLen = Masks.pages(mdLen);
        s.usedClusterMaskStart = s.usedPageMaskStart + s.usedPageMaskLen;
        s.usedClusterMaskLen = Masks.pages(totalClusters);
        int clusterRegion = Math.max(Masks.pages(mdLen), s.usedClusterMaskLen);
        s.usedBlobidMaskStart = s.usedClusterMaskStart + clusterRegion;
        s.usedBlobidMaskLen = Masks.pages(mdLen);
        s.mdStart = s.usedBlobidMaskStart + s.usedBlobidMaskLen;
        s.bstype = SuperBlock.bstypeBytes(options.bstype());
        s.size = dev.sizeBytes();
        s.ioUnitSize = dev.blockSize();
        long mdPages = s.mdStart + mdLen;
        long mdClusters = (mdPages + cluster / Page.SIZE - 1) / (cluster / Page.SIZE);
        if (mdClusters > totalClusters) {
            throw new BlobstoreException(ENOMEM, "metadata needs " + mdClusters + " clusters of " + cluster
                    + " bytes, the device has " + totalClusters);
        }
        dev.writeZeroes(0, mdPages * Page.SIZE / dev.blockSize());
        long dataLba = mdPages * Page.SIZE / dev.blockSize();
        long rest = dev.blockCount() - dataLba;
        switch (options.clearMethod()) {
            case UNMAP -> dev.unmap(dataLba, rest);
            case WRITE_ZEROES -> dev.writeZeroes(dataLba, rest);
            case NONE -> { }
        }
        s.clean = false;
        dev.write(0, s.encode());
        BitSet clusters = new BitSet();
        clusters.set(0, (int) mdClusters);
        return new SimBlobstore(dev, s, new BitSet(), clusters, new BitSet());
    }

    /**
     * Loads the blobstore on {@code dev} (SPDK's {@code spdk_bs_load}, reference §3.2): after a clean
     * unload the masks are read; otherwise (or with {@code forceRecover}) they are rebuilt from the
     * metadata pages and written back.
     */
    public static SimBlobstore load(BlockDevice dev, BlobstoreOptions options) {
        ByteBuffer page0 = readDevicePage(dev, 0);
        SuperBlock s = SuperBlock.decode(page0, SuperBlock.bstypeBytes(options.bstype()), dev.sizeBytes());
        if (s.ioUnitSize < dev.blockSize() || s.ioUnitSize % dev.blockSize() != 0) {
            throw new BlobstoreException(EINVAL, "super block io_unit size " + s.ioUnitSize + " does not suit the device's "
                    + dev.blockSize() + "-byte blocks");
        }
        long total = s.size / s.clusterSize;
        boolean recover = !s.clean || options.forceRecover() || s.usedBlobidMaskLen == 0;
        SimBlobstore bs;
        if (!recover) {
            BitSet pages = Masks.decode(readDevicePages(dev, s.usedPageMaskStart, s.usedPageMaskLen), Masks.USED_PAGES, s.mdLen,
                    "used-pages mask (page " + s.usedPageMaskStart + ")");
            BitSet clusters = Masks.decode(readDevicePages(dev, s.usedClusterMaskStart, s.usedClusterMaskLen), Masks.USED_CLUSTERS,
                    total, "used-clusters mask (page " + s.usedClusterMaskStart + ")");
            BitSet ids = Masks.decode(readDevicePages(dev, s.usedBlobidMaskStart, s.usedBlobidMaskLen), Masks.USED_BLOBIDS, s.mdLen,
                    "used-blobids mask (page " + s.usedBlobidMaskStart + ")");
            bs = new SimBlobstore(dev, s, pages, clusters, ids);
            bs.usedClusters.set(0, bs.numMdClusters);
        } else {
            bs = new SimBlobstore(dev, s, new BitSet(), new BitSet(), new BitSet());
            new Recovery(bs).run();
            if (!bs.dirtyOnDisk) {
                bs.markDirty();
            }
            bs.writeMasks();
        }
        return bs;
    }

    /** Unloads cleanly (SPDK's {@code spdk_bs_unload}): masks, then the super block with clean = 1, then a device flush. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (!open.isEmpty()) {
                throw new BlobstoreException(EBUSY, "cannot unload: blobs " + open.keySet().stream().map(BlobMetadata::hex).toList() + " are open");
            }
            SuperBlock onDisk = SuperBlock.decode(readPage0(), sb.bstype, dev.sizeBytes());
            writeMasks();
            dev.flush();
            onDisk.clean = true;
            onDisk.superBlob = sb.superBlob;
            onDisk.bstype = sb.bstype;
            dev.write(0, onDisk.encode());
            dev.flush();
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    void writeMasks() {
        dev.write(pageLba(sb.usedPageMaskStart), Masks.encode(Masks.USED_PAGES, usedPages, sb.mdLen, sb.usedPageMaskLen));
        if (sb.usedBlobidMaskLen > 0) {
            dev.write(pageLba(sb.usedBlobidMaskStart), Masks.encode(Masks.USED_BLOBIDS, usedBlobIds, sb.mdLen, sb.usedBlobidMaskLen));
        }
        dev.write(pageLba(sb.usedClusterMaskStart), Masks.encode(Masks.USED_CLUSTERS, usedClusters, totalClusters, sb.usedClusterMaskLen));
    }

    /** SPDK's bs_mark_dirty: before the first metadata write of a session, re-validate and rewrite the super block with clean = 0. */
    void markDirty() {
        if (dirtyOnDisk) {
            return;
        }
        SuperBlock onDisk = SuperBlock.decode(readPage0(), sb.bstype, dev.sizeBytes());
        onDisk.clean = false;
        dev.write(0, onDisk.encode());
        dev.flush();
        dirtyOnDisk = true;
    }

    // ------------------------------------------------------------------ device pages

    private long pageLba(long devicePage) {
        return devicePage * Page.SIZE / dev.blockSize();
    }

    private static ByteBuffer readDevicePage(BlockDevice dev, long page) {
        return readDevicePages(dev, page, 1);
    }

    private static ByteBuffer readDevicePages(BlockDevice dev, long page, int count) {
        ByteBuffer b = ByteBuffer.allocate(count * Page.SIZE);
        dev.read(page * Page.SIZE / dev.blockSize(), b);
        return b.clear();
    }

    private ByteBuffer readPage0() {
        return readDevicePage(dev, 0);
    }

    /** Reads metadata page {@code mdPage} (md-relative). */
    ByteBuffer readMdPage(int mdPage) {
        if (mdPage < 0 || mdPage >= sb.mdLen) {
            throw new BlobstoreException(EINVAL, "metadata page " + mdPage + " is outside the " + sb.mdLen + " metadata pages");
        }
        return readDevicePage(dev, sb.mdStart + (long) mdPage);
    }

    void writeMdPage(int mdPage, ByteBuffer page) {
        dev.write(pageLba(sb.mdStart + (long) mdPage), page.clear());
    }

    void zeroMdPage(int mdPage) {
        dev.writeZeroes(pageLba(sb.mdStart + (long) mdPage), Page.SIZE / dev.blockSize());
    }

    // ------------------------------------------------------------------ info

    @Override
    public long clusterSize() {
        return clusterSize;
    }

    @Override
    public int ioUnitSize() {
        return ioUnitSize;
    }

    @Override
    public int pageSize() {
        return Page.SIZE;
    }

    @Override
    public long totalDataClusters() {
        return totalClusters - numMdClusters;
    }

    @Override
    public long freeClusters() {
        lock.lock();
        try {
            return totalClusters - usedClusters.cardinality();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String bstype() {
        return SuperBlock.bstypeString(sb.bstype);
    }

    /** The device this blobstore lives on. */
    public BlockDevice device() {
        return dev;
    }

    void checkOpen(String operation) {
        if (closed) {
            throw new BlobstoreException(BlobstoreException.EIO, operation + " on an unloaded blobstore");
        }
    }

    // ------------------------------------------------------------------ blobs

    @Override
    public BlobId create(BlobOptions options) {
        lock.lock();
        try {
            checkOpen("create");
            int page = usedPages.nextClearBit(0);
            if (page >= sb.mdLen) {
                throw new BlobstoreException(ENOMEM, "no free metadata page for a new blob");
            }
            long id = BlobId.ofPage(page).value();
            BlobMetadata md = new BlobMetadata(id);
            for (Map.Entry<String, byte[]> x : options.xattrs()) {
                if (x.getValue() == null || x.getValue().length == 0) {
                    throw new BlobstoreException(EINVAL, "xattr " + x.getKey() + " of a new blob has no value");
                }
                checkXattrSize(x.getKey(), x.getValue());
                md.xattrs.put(x.getKey(), x.getValue().clone());
            }
            if (options.thinProvision()) {
                md.invalidFlags |= BlobMetadata.FLAG_THIN;
            }
            md.useExtentTable = options.useExtentTable();
            if (md.useExtentTable) {
                md.invalidFlags |= BlobMetadata.FLAG_EXTENT_TABLE;
            }
            md.mdRoFlags = options.clearMethod().code();
            usedPages.set(page);
            usedBlobIds.set(page);
            BlobState state = new BlobState(md, new int[0]);
            state.cleanNumClusters = 0;
            state.cleanNumExtentPages = 0;
            try {
                resize(state, options.numClusters());
                persist(state);
            } catch (BlobstoreException e) {
                releaseAll(state);
                throw e;
            }
            return new BlobId(id);
        } finally {
            lock.unlock();
        }
    }

    /** Undoes a failed create: the id, the root page, the claimed clusters and extent pages. */
    private void releaseAll(BlobState state) {
        BlobMetadata md = state.md;
        int root = (int) md.id;
        usedBlobIds.clear(root);
        usedPages.clear(root);
        for (int i = 0; i < md.clusters.length; i++) {
            if (md.clusters[i] != 0) {
                usedClusters.clear((int) md.clusters[i]);
            }
        }
        for (int p : md.extentPages) {
            if (p != 0) {
                usedPages.clear(p);
            }
        }
        for (int i = 1; i < state.chainPages.length; i++) {
            usedPages.clear(state.chainPages[i]);
        }
    }

    static void checkXattrSize(String name, byte[] value) {
        if (BlobMetadata.xattrDescSize(name, value) > BlobMetadata.MAX_XATTR_DESC) {
            throw new BlobstoreException(ENOMEM, "xattr " + name + " with a " + value.length + "-byte value exceeds the 4072-byte descriptor limit");
        }
    }

    @Override
    public Blob open(BlobId id) {
        lock.lock();
        try {
            checkOpen("open");
            BlobState state = open.get(id.value());
            if (state == null) {
                state = loadBlob(id.value());
                open.put(id.value(), state);
            }
            state.openRef++;
            return new SimBlob(this, state);
        } finally {
            lock.unlock();
        }
    }

    /** Reads a blob's chain and extent pages (SPDK's blob_load) with every check SPDK makes. */
    BlobState loadBlob(long id) {
        int root = (int) id;
        if ((id >>> 32) != 1 || root < 0 || root >= sb.mdLen || !usedBlobIds.get(root)) {
            throw new BlobstoreException(ENOENT, "no blob " + BlobMetadata.hex(id));
        }
        BlobMetadata md = new BlobMetadata(id);
        BlobMetadata.Parsed parsed = new BlobMetadata.Parsed();
        parsed.maxClusters = maxBlobClusters();
        List<Integer> chain = new ArrayList<>();
        int pageIdx = root;
        while (true) {
            ByteBuffer page = readMdPage(pageIdx).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            String where = "blob " + BlobMetadata.hex(id) + " md page " + pageIdx;
            if (chain.isEmpty() && page.getLong(0) != id) {
                throw new BlobstoreException(ENOENT, "no blob " + BlobMetadata.hex(id) + ": md page " + root + " belongs to "
                        + BlobMetadata.hex(page.getLong(0)));
            }
            Page.checkCrc(page, where, EINVAL);
            if (page.getLong(0) != id || page.getInt(8) != chain.size()) {
                throw new BlobstoreException(EINVAL, where + ": chain page has id " + BlobMetadata.hex(page.getLong(0))
                        + " and sequence " + page.getInt(8) + ", expected sequence " + chain.size());
            }
            chain.add(pageIdx);
            md.parsePage(page, pageIdx, parsed, c -> c < totalClusters && usedClusters.get((int) c), false);
            int next = page.getInt(Page.NEXT);
            if (next == Page.INVALID) {
                break;
            }
            if (next < 0 || next >= sb.mdLen || chain.size() >= sb.mdLen || chain.contains(next)) {
                throw new BlobstoreException(EINVAL, where + ": next page " + Integer.toUnsignedString(next) + " is not valid");
            }
            pageIdx = next;
        }
        md.applyLayout(parsed);
        for (int slot = 0; slot < md.numExtentPages; slot++) {
            int ep = md.extentPages[slot];
            if (ep != 0) {
                if (ep < 0 || ep >= sb.mdLen) {
                    throw new BlobstoreException(EINVAL, "blob " + BlobMetadata.hex(id) + ": extent page " + ep + " is outside the metadata");
                }
                md.parseExtentPage(readMdPage(ep), ep, slot, c -> c < totalClusters && usedClusters.get((int) c));
            } else if (!md.isThin() && slot * (long) BlobMetadata.EXTENTS_PER_EP < md.numClusters) {
                throw new BlobstoreException(EINVAL, "blob " + BlobMetadata.hex(id) + ": thick blob without extent page " + slot);
            }
        }
        return new BlobState(md, chain.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public void delete(BlobId id) {
        lock.lock();
        try {
            checkOpen("delete");
            if (open.containsKey(id.value())) {
                throw new BlobstoreException(EBUSY, "blob " + id + " is open");
            }
            BlobState state = loadBlob(id.value());
            markDirty();
            BlobMetadata md = state.md;
            usedBlobIds.clear(id.pageIndex());
            zeroMdPage(state.chainPages[0]);
            dev.flush();
            for (int i = 1; i < state.chainPages.length; i++) {
                zeroMdPage(state.chainPages[i]);
            }
            for (int p : state.chainPages) {
                usedPages.clear(p);
            }
            for (int i = 0; i < md.numClusters; i++) {
                if (md.clusters[i] != 0) {
                    clearCluster(md, md.clusters[i]);
                    usedClusters.clear((int) md.clusters[i]);
                }
            }
            for (int i = 0; i < md.numExtentPages; i++) {
                if (md.extentPages[i] != 0) {
                    zeroMdPage(md.extentPages[i]);
                    usedPages.clear(md.extentPages[i]);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<BlobId> blobIds() {
        lock.lock();
        try {
            checkOpen("blobIds");
            List<BlobId> ids = new ArrayList<>();
            for (int p = usedBlobIds.nextSetBit(0); p >= 0 && p < sb.mdLen; p = usedBlobIds.nextSetBit(p + 1)) {
                long id = BlobId.ofPage(p).value();
                if (open.containsKey(id)) {
                    ids.add(new BlobId(id));
                    continue;
                }
                try {
                    loadBlob(id);
                    ids.add(new BlobId(id));
                } catch (BlobstoreException e) {
                    // SPDK's iteration skips blobs that fail to open
                }
            }
            return ids;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setSuperBlob(BlobId id) {
        lock.lock();
        try {
            checkOpen("setSuperBlob");
            SuperBlock onDisk = SuperBlock.decode(readPage0(), sb.bstype, dev.sizeBytes());
            onDisk.superBlob = id.value();
            dev.write(0, onDisk.encode());
            sb.superBlob = id.value();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<BlobId> superBlob() {
        lock.lock();
        try {
            return sb.superBlob == BlobId.INVALID ? Optional.empty() : Optional.of(new BlobId(sb.superBlob));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flush() {
        lock.lock();
        try {
            checkOpen("flush");
            dev.flush();
        } finally {
            lock.unlock();
        }
    }

    void release(BlobState state) {
        if (--state.openRef == 0) {
            open.remove(state.md.id);
        }
    }

    /**
     * The largest blob, in clusters: 64 times the device's clusters or 2^20, whichever is more (thin
     * blobs may be larger than the device). Bounds what a corrupt image can make the loader allocate.
     */
    long maxBlobClusters() {
        return Math.max(1L << 20, totalClusters * 64);
    }

    // ------------------------------------------------------------------ resize and persist

    /** SPDK's blob_resize: thick growth claims clusters (and extent pages) at once, lowest free first. */
    void resize(BlobState state, long size) {
        BlobMetadata md = state.md;
        if (md.mdRo) {
            throw new BlobstoreException(EPERM, "blob " + BlobMetadata.hex(md.id) + " is read-only");
        }
        if (size < 0 || size > maxBlobClusters()) {
            throw new BlobstoreException(EINVAL, "blob size " + size + " clusters is not valid");
        }
        long num = md.numClusters;
        if (size == num) {
            return;
        }
        long needed = 0;
        for (long i = num; i < size; i++) {
            // clusters of a shrink not yet synced are still the blob's: growing back reuses them, as SPDK does
            if (i >= md.clusters.length || md.clusters[(int) i] == 0) {
                needed++;
            }
        }
        if (size > num && !md.isThin() && needed > totalClusters - usedClusters.cardinality()) {
            throw new BlobstoreException(ENOSPC, "blob " + BlobMetadata.hex(md.id) + " needs " + needed
                    + " more clusters, " + (totalClusters - usedClusters.cardinality()) + " are free");
        }
        if (size > num) {
            md.ensureCapacity(size);
        }
        state.dirty = true;
        if (!md.isThin()) {
            int lowestMd = 0;
            for (long i = num; i < size; i++) {
                if (md.clusters[(int) i] == 0) {
                    lowestMd = allocateCluster(md, i, lowestMd);
                }
            }
        }
        md.numClusters = size;
        md.numExtentPages = md.useExtentTable ? BlobMetadata.extentPagesFor(size) : 0;
    }

    /** SPDK's bs_allocate_cluster with update_map: claims the lowest free cluster and, if needed, an extent page (never md page 0). */
    int allocateCluster(BlobMetadata md, long blobCluster, int lowestMd) {
        int cluster = usedClusters.nextClearBit(0);
        if (cluster >= totalClusters) {
            throw new BlobstoreException(ENOSPC, "no free cluster for blob " + BlobMetadata.hex(md.id));
        }
        usedClusters.set(cluster);
        if (md.useExtentTable) {
            int slot = (int) (blobCluster / BlobMetadata.EXTENTS_PER_EP);
            if (md.extentPages[slot] == 0) {
                int p = usedPages.nextClearBit(Math.max(1, lowestMd));
                if (p >= sb.mdLen) {
                    usedClusters.clear(cluster);
                    throw new BlobstoreException(ENOSPC, "no free metadata page for an extent page of blob " + BlobMetadata.hex(md.id));
                }
                usedPages.set(p);
                md.extentPages[slot] = p;
                lowestMd = p;
            }
        }
        md.clusters[(int) blobCluster] = cluster;
        return lowestMd;
    }

    /** SPDK's blob_persist: extent pages, new chain pages, the root in place, then old pages and freed clusters. */
    void persist(BlobState state) {
        BlobMetadata md = state.md;
        markDirty();
        boolean dependents = false;
        boolean shrunk = md.useExtentTable && state.cleanNumClusters >= md.numClusters && md.numClusters < md.clusters.length;
        if (md.useExtentTable) {
            int from = -1;
            if (state.cleanNumClusters < md.numClusters) {
                from = Math.max(1, state.cleanNumExtentPages) - 1;
            }
            if (from >= 0) {
                for (int i = from; i < md.numExtentPages; i++) {
                    if (md.extentPages[i] != 0) {
                        writeMdPage(md.extentPages[i], md.serializeExtentPage(i));
                        dependents = true;
                    }
                }
            }
        }
        List<ByteBuffer> pages = md.serialize();
        int need = pages.size() - 1;
        int[] chain = new int[pages.size()];
        chain[0] = (int) md.id;
        int p = 0;
        for (int i = 1; i <= need; i++) {
            p = usedPages.nextClearBit(p);
            if (p >= sb.mdLen) {
                for (int j = 1; j < i; j++) {
                    usedPages.clear(chain[j]);
                }
                throw new BlobstoreException(ENOMEM, "no free metadata page to persist blob " + BlobMetadata.hex(md.id));
            }
            chain[i] = p;
            usedPages.set(p);
            p++;
        }
        for (int i = 0; i < pages.size(); i++) {
            ByteBuffer page = pages.get(i);
            if (i + 1 < pages.size()) {
                page.putInt(Page.NEXT, chain[i + 1]);
            }
            Page.sealCrc(page);
        }
        for (int i = 1; i < pages.size(); i++) {
            writeMdPage(chain[i], pages.get(i));
            dependents = true;
        }
        // Write barriers: what the root points to is durable before the root, and the root before
        // anything the old root pointed to is cleared, so no reordering of unflushed writes can leave
        // a root that points to missing pages (SPDK relies on completed writes being durable instead).
        if (dependents) {
            dev.flush();
        }
        writeMdPage(chain[0], pages.get(0));
        boolean clears = state.chainPages.length > 1 || md.clusters.length > md.numClusters || md.extentPages.length > md.numExtentPages;
        if (clears) {
            dev.flush();
        }
        if (shrunk && md.numExtentPages > 0 && md.extentPages[md.numExtentPages - 1] != 0) {
            // the last kept extent page loses its entries beyond the new size only once the smaller root is durable
            writeMdPage(md.extentPages[md.numExtentPages - 1], md.serializeExtentPage(md.numExtentPages - 1));
        }
        for (int i = 1; i < state.chainPages.length; i++) {
            zeroMdPage(state.chainPages[i]);
            usedPages.clear(state.chainPages[i]);
        }
        state.chainPages = chain;
        // shrink: free the clusters and extent pages beyond the new size
        for (int i = (int) md.numClusters; i < md.clusters.length; i++) {
            if (md.clusters[i] != 0) {
                clearCluster(md, md.clusters[i]);
                usedClusters.clear((int) md.clusters[i]);
            }
        }
        if (md.clusters.length > md.numClusters) {
            md.clusters = java.util.Arrays.copyOf(md.clusters, (int) md.numClusters);
        }
        for (int i = md.numExtentPages; i < md.extentPages.length; i++) {
            if (md.extentPages[i] != 0) {
                zeroMdPage(md.extentPages[i]);
                usedPages.clear(md.extentPages[i]);
            }
        }
        if (md.extentPages.length > md.numExtentPages) {
            md.extentPages = java.util.Arrays.copyOf(md.extentPages, md.numExtentPages);
        }
        state.cleanNumClusters = md.numClusters;
        state.cleanNumExtentPages = md.numExtentPages;
        state.dirty = false;
        if ((md.dataRoFlags & BlobMetadata.READ_ONLY) != 0) {
            md.dataRo = true;
            md.mdRo = true;
        }
    }

    /** Clears a freed cluster as the blob's clear method says (default: unmap). */
    void clearCluster(BlobMetadata md, long cluster) {
        long lba = cluster * clusterSize / dev.blockSize();
        long count = clusterSize / dev.blockSize();
        switch (ClearMethod.ofCode((int) md.mdRoFlags)) {
            case DEFAULT, UNMAP -> dev.unmap(lba, count);
            case WRITE_ZEROES -> dev.writeZeroes(lba, count);
            case NONE -> { }
        }
    }

    @Override
    public String toString() {
        return "SimBlobstore(" + dev + ", cluster " + clusterSize + ")";
    }
}
