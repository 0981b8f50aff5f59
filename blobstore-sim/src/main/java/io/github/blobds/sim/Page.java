package io.github.blobds.sim;

import io.github.blobds.blobstore.BlobstoreException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * SPDK's 4096-byte metadata page ({@code struct spdk_blob_md_page}, reference §2.5): blob id at 0,
 * sequence number at 8, descriptors in [16, 4088), next page at 4088, CRC-32C of [0, 4092) at 4092.
 */
final class Page {

    static final int SIZE = 4096;
    static final int DESCRIPTORS = 16;
    static final int DESCRIPTORS_SIZE = 4072;
    static final int NEXT = 4088;
    static final int CRC = 4092;
    static final int INVALID = 0xFFFFFFFF;

    private Page() {
    }

    static ByteBuffer allocate() {
        return ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A fresh page with its header: id, sequence number, next = none. */
    static ByteBuffer header(long id, int sequence) {
        ByteBuffer b = allocate();
        b.putLong(0, id);
        b.putInt(8, sequence);
        b.putInt(NEXT, INVALID);
        return b;
    }

    static int crc(ByteBuffer page) {
        CRC32C crc = new CRC32C();
        crc.update(page.duplicate().clear().limit(CRC));
        return (int) crc.getValue();
    }

    static void sealCrc(ByteBuffer page) {
        page.order(ByteOrder.LITTLE_ENDIAN).putInt(CRC, crc(page));
    }

    static boolean crcMatches(ByteBuffer page) {
        return page.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(CRC) == crc(page);
    }

    static void checkCrc(ByteBuffer page, String what, int errno) {
        int stored = page.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(CRC);
        int computed = crc(page);
        if (stored != computed) {
            throw new BlobstoreException(errno, what + ": CRC-32C mismatch (stored 0x" + Integer.toHexString(stored)
                    + ", computed 0x" + Integer.toHexString(computed) + ")");
        }
    }
}
