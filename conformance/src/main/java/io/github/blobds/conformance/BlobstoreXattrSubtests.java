package io.github.blobds.conformance;

import static io.github.blobds.blobstore.BlobstoreException.ENOENT;
import static io.github.blobds.blobstore.BlobstoreException.ENOMEM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.blobds.blobstore.Blob;
import io.github.blobds.blobstore.BlobId;
import io.github.blobds.blobstore.BlobOptions;
import io.github.blobds.blobstore.BlobstoreException;
import io.github.blobds.blobstore.BlobstoreOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SPDK's xattr and metadata-serialization tests: names and order, the size limit, multi-page metadata and its pages. */
abstract class BlobstoreXattrSubtests extends BlobstoreSubtests {

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c blob_xattr (public xattrs; internal ones are not in the SPI)
    @Test
    @DisplayName("blob_xattr: set, overwrite in place, get, names in order, remove; missing names give ENOENT; all persist across reload")
    void xattrs() throws Exception {
        init();
        Blob blob = createAndOpen(BlobOptions.defaults());
        BlobId id = blob.id();
        assertEquals(List.of(), blob.xattrNames());
        blob.setXattr("name", cString("log.txt"));
        blob.setXattr("length", u64(2345));
        blob.setXattr("length", u64(3456));
        assertArrayEquals(u64(3456), blob.getXattr("length"), "an overwritten value");
        assertArrayEquals(cString("log.txt"), blob.getXattr("name"));
        assertErrno(ENOENT, () -> blob.getXattr("foobar"), "get of a missing xattr");
        assertEquals(List.of("name", "length"), blob.xattrNames());

        blob.removeXattr("name");
        assertErrno(ENOENT, () -> blob.removeXattr("foobar"), "remove of a missing xattr");
        assertErrno(ENOENT, () -> blob.getXattr("name"), "get of a removed xattr");
        assertErrno(ENOENT, () -> blob.removeXattr("name"), "second remove of an xattr");
        assertEquals(List.of("length"), blob.xattrNames());
        blob.setXattr("name", cString("log2.txt"));
        assertEquals(List.of("length", "name"), blob.xattrNames(), "a new name goes to the end");
        blob.setXattr("length", u64(4567));
        assertEquals(List.of("length", "name"), blob.xattrNames(), "replacing a value keeps its position");
        blob.setXattr("third", new byte[] {3});
        blob.close();

        reload();
        Blob loaded = open(id);
        assertEquals(List.of("length", "name", "third"), loaded.xattrNames());
        assertArrayEquals(u64(4567), loaded.getXattr("length"));
        assertArrayEquals(cString("log2.txt"), loaded.getXattr("name"));
        assertArrayEquals(new byte[] {3}, loaded.getXattr("third"));
        assertErrno(ENOENT, () -> loaded.getXattr("foobar"), "get of a missing xattr after reload");
        loaded.removeXattr("length");
        loaded.setXattr("name", cString("log3.txt"));
        loaded.close();
        reload();
        Blob again = open(id);
        assertEquals(List.of("name", "third"), again.xattrNames());
        assertArrayEquals(cString("log3.txt"), again.getXattr("name"));
    }

    // SPDK reference §3.7: 9 + strlen(name) + value_len <= 4072, else ENOMEM (blob_set_xattrs_test, blob_set_xattr)
    @Test
    @DisplayName("Xattr size: a 3-character name with a 4060-byte value is the largest; 4061 bytes or a longer name give ENOMEM and change nothing")
    void xattrSizeLimit() throws Exception {
        init();
        Blob blob = createAndOpen(BlobOptions.defaults());
        int maxValue = MAX_DESC - XATTR_HEADER - 3;
        assertEquals(4060, maxValue);
        byte[] max = bytes(maxValue);
        blob.setXattr("big", max);
        assertErrno(ENOMEM, () -> blob.setXattr("big", new byte[maxValue + 1]), "a 4061-byte value for a 3-character name");
        assertArrayEquals(max, blob.getXattr("big"), "the refused replacement kept the old value");
        assertErrno(ENOMEM, () -> blob.setXattr("bigg", new byte[maxValue]), "a 4060-byte value for a 4-character name");
        assertEquals(List.of("big"), blob.xattrNames(), "the refused xattr was not added");
        blob.setXattr("small", new byte[] {'v'});
        blob.close();
        reload();
        Blob loaded = open(blob.id());
        assertEquals(List.of("big", "small"), loaded.xattrNames());
        assertArrayEquals(max, loaded.getXattr("big"));
        assertArrayEquals(new byte[] {'v'}, loaded.getXattr("small"));
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c blob_parse_md; page counts through a blobstore with 16 metadata pages
    @Test
    @DisplayName("blob_parse_md: multi-page metadata reloads intact and delete returns its pages: as many blobs fit as before")
    void multiPageMetadata() throws Exception {
        init(BlobstoreOptions.defaults().withNumMdPages(16));
        Blob blob = createAndOpen(BlobOptions.defaults());
        byte[] large = bytes(MAX_DESC - XATTR_HEADER - "large_xattr".length());
        blob.setXattr("large_xattr", large);
        blob.syncMetadata();
        blob.close();
        assertEquals(14, fill(), "the blob takes its root page and one chain page holding the 4072-byte descriptor");
        deleteAll(blob.id());
        reload();
        Blob loaded = open(blob.id());
        assertArrayEquals(large, loaded.getXattr("large_xattr"), "the 4072-byte descriptor after reload");
        // SPDK writes no extent table when fewer than 13 bytes are left and there are no extent pages
        // (reference §2.6, rule 7): the blob reloads as a run-length blob and keeps working.
        loaded.resize(2);
        byte[] data = units(ioUnitsPerCluster() + 1);
        write(loaded, 0, data);
        loaded.close();
        reload();
        Blob grown = open(blob.id());
        assertEquals(2, grown.numClusters());
        assertArrayEquals(large, grown.getXattr("large_xattr"));
        assertReads(data, grown, 0, "data of the multi-page blob");
        grown.close();
        assertEquals(13, fill(), "root, xattr page and a third page for the cluster run");
        deleteAll();
        assertEquals(16, fill(), "deleting every blob returned every page");
        deleteAll();

        Blob wide = createAndOpen(BlobOptions.defaults());
        List<byte[]> values = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            values.add(bytes(3000));
            wide.setXattr("x" + i, values.get(i - 1));
        }
        wide.close();
        assertEquals(10, fill(), "six 3000-byte xattrs take six pages");
        deleteAll(wide.id());
        reload();
        Blob wide2 = open(wide.id());
        assertEquals(List.of("x1", "x2", "x3", "x4", "x5", "x6"), wide2.xattrNames());
        for (int i = 1; i <= 6; i++) {
            assertArrayEquals(values.get(i - 1), wide2.getXattr("x" + i), "x" + i);
        }
        wide2.removeXattr("x2");
        wide2.removeXattr("x5");
        wide2.close();
        assertEquals(12, fill(), "after removing two xattrs the blob takes four pages, and the old chain pages were released");
        deleteAll();
        assertEquals(16, fill(), "the delete returned every page");
    }

    /** Creates 0-cluster blobs until ENOMEM; returns how many fit. */
    private int fill() {
        int n = 0;
        while (true) {
            try {
                bs().create(BlobOptions.defaults());
                n++;
            } catch (BlobstoreException e) {
                assertEquals(ENOMEM, e.errno(), () -> "a create once the metadata pages run out: " + e.getMessage());
                return n;
            }
            if (n > 1000) {
                throw new AssertionError("more than 1000 blobs fit in 16 metadata pages");
            }
        }
    }

    /** Deletes every blob except {@code keep}. */
    private void deleteAll(BlobId... keep) {
        for (BlobId id : bs().blobIds()) {
            if (!Arrays.asList(keep).contains(id)) {
                bs().delete(id);
            }
        }
    }

    // SPDK test/unit/lib/blob/blob.c/blob_ut.c blob_serialize_test
    @Test
    @DisplayName("blob_serialize_test: two blobs with big xattrs grown a cluster at a time in turn reload with the right sizes, xattrs and data")
    void serialize() throws Exception {
        for (boolean extentTable : new boolean[] {true, false}) {
            // 8 pages per cluster as in SPDK (dev->blocklen * 8), whatever the block size
            init(BlobstoreOptions.defaults().withClusterSize(8 * PAGE));
            String layout = extentTable ? "extent table" : "run-length";
            Blob[] blobs = new Blob[2];
            byte[][] values = new byte[2][];
            for (int i = 0; i < 2; i++) {
                blobs[i] = createAndOpen(BlobOptions.builder().useExtentTable(extentTable).build());
                values[i] = new byte[PAGE - 64];
                Arrays.fill(values[i], 0, PAGE / 2, (byte) i);
                blobs[i].setXattr("name", values[i]);
            }
            for (int i = 0; i < 6; i++) {
                blobs[i % 2].resize(i / 2 + 1);
            }
            byte[][][] data = new byte[2][3][];
            for (int i = 0; i < 2; i++) {
                blobs[i].syncMetadata();
                for (int c = 0; c < 3; c++) {
                    data[i][c] = units(1);
                    write(blobs[i], c * ioUnitsPerCluster(), data[i][c]);
                }
            }
            for (Blob b : blobs) {
                b.close();
            }
            reload();
            for (int i = 0; i < 2; i++) {
                Blob b = open(blobs[i].id());
                assertEquals(3, b.numClusters(), layout);
                assertEquals(3, b.numAllocatedClusters(), layout);
                assertArrayEquals(values[i], b.getXattr("name"), layout);
                for (int c = 0; c < 3; c++) {
                    assertReads(data[i][c], b, c * ioUnitsPerCluster(), layout + ": blob " + i + " cluster " + c);
                }
                b.close();
            }
            assertEquals(bs().totalDataClusters() - 6, bs().freeClusters(), layout);
        }
    }
}
