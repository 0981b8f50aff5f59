package io.github.blobds.sim;

import io.github.blobds.blobstore.BlobstoreException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * SPDK's dirty-load recovery (bs_recover, reference §3.9): rebuilds the three allocation masks from
 * the metadata pages. Valid roots claim their page, id, chain pages, extent pages and clusters;
 * orphaned chain pages and pages failing their CRC stay free. A malformed reachable extent page or an
 * unknown descriptor fails the load with {@code EILSEQ}.
 */
final class Recovery {

    private final SimBlobstore bs;

    Recovery(SimBlobstore bs) {
        this.bs = bs;
    }

    void run() {
        bs.usedPages.clear();
        bs.usedClusters.clear();
        bs.usedBlobIds.clear();
        bs.usedClusters.set(0, bs.numMdClusters);
        int mdLen = bs.sb.mdLen;
        BitSet claimed = new BitSet(mdLen);
        for (int i = 0; i < mdLen; i++) {
            if (claimed.get(i)) {
                continue;
            }
            ByteBuffer page = bs.readMdPage(i).order(ByteOrder.LITTLE_ENDIAN);
            long id = page.getLong(0);
            int seq = page.getInt(8);
            if (!Page.crcMatches(page) || seq != 0 || id != ((1L << 32) | i)) {
                continue;
            }
            recoverBlob(i, page, claimed);
        }
    }

    private void recoverBlob(int root, ByteBuffer rootPage, BitSet claimed) {
        long id = rootPage.getLong(0);
        claimed.set(root);
        bs.usedPages.set(root);
        bs.usedBlobIds.set(root);
        BlobMetadata md = new BlobMetadata(id);
        BlobMetadata.Parsed parsed = new BlobMetadata.Parsed();
        parsed.maxClusters = bs.maxBlobClusters();
        List<Integer> chain = new ArrayList<>();
        ByteBuffer page = rootPage;
        int idx = root;
        while (true) {
            chain.add(idx);
            try {
                md.parsePage(page, idx, parsed, c -> true, true);
            } catch (BlobstoreException e) {
                if (e.errno() == BlobstoreException.EILSEQ) {
                    throw e;
                }
                return;
            }
            int next = page.getInt(Page.NEXT);
            if (next == Page.INVALID || next < 0 || next >= bs.sb.mdLen || chain.contains(next)) {
                break;
            }
            ByteBuffer nextPage = bs.readMdPage(next).order(ByteOrder.LITTLE_ENDIAN);
            if (!Page.crcMatches(nextPage)) {
                break;
            }
            claimed.set(next);
            bs.usedPages.set(next);
            page = nextPage;
            idx = next;
        }
        for (long c : parsed.rleClusters) {
            markCluster(c, id);
        }
        for (int slot = 0; slot < parsed.extentSlots.size(); slot++) {
            int ep = parsed.extentSlots.get(slot);
            if (ep == 0) {
                continue;
            }
            if (ep < 0 || ep >= bs.sb.mdLen) {
                throw new BlobstoreException(BlobstoreException.EILSEQ, "recovery: blob " + BlobMetadata.hex(id) + " lists extent page " + ep
                        + " outside the metadata");
            }
            ByteBuffer e = bs.readMdPage(ep).order(ByteOrder.LITTLE_ENDIAN);
            int d = Page.DESCRIPTORS;
            long length = Integer.toUnsignedLong(e.getInt(d + 1));
            boolean wellFormed = Page.crcMatches(e) && e.getInt(8) == 0 && (e.get(d) & 0xff) == BlobMetadata.DESC_EXTENT_PAGE
                    && length >= 4 && (length - 4) % 4 == 0 && d + 5 + length <= Page.NEXT
                    && (d + 5 + length + 5 > Page.NEXT || (e.get((int) (d + 5 + length)) == 0 && e.getInt((int) (d + 6 + length)) == 0));
            if (!wellFormed) {
                throw new BlobstoreException(BlobstoreException.EILSEQ, "recovery: extent page " + ep + " of blob " + BlobMetadata.hex(id)
                        + " fails its CRC or is not exactly one extent-page descriptor");
            }
            claimed.set(ep);
            bs.usedPages.set(ep);
            // entries beyond the table's size belong to a growth whose root was never persisted: not the blob's
            long inTable = Math.max(0, parsed.tableClusters - (long) slot * BlobMetadata.EXTENTS_PER_EP);
            for (int i = 0; i < Math.min((length - 4) / 4, inTable); i++) {
                long c = Integer.toUnsignedLong(e.getInt(d + 9 + 4 * i));
                if (c != 0) {
                    markCluster(c, id);
                }
            }
        }
    }

    private void markCluster(long c, long id) {
        if (c == 0) {
            return;
        }
        if (c >= bs.totalClusters) {
            throw new BlobstoreException(BlobstoreException.EILSEQ, "recovery: blob " + BlobMetadata.hex(id) + " uses cluster " + c
                    + " beyond the " + bs.totalClusters + " clusters");
        }
        bs.usedClusters.set((int) c);
    }
}
