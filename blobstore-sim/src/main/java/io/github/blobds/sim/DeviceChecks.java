package io.github.blobds.sim;

import io.github.blobds.blobstore.BlobstoreException;

/** The argument checks every device applies, with messages naming the request. */
final class DeviceChecks {

    private DeviceChecks() {
    }

    static void blockSize(int blockSize) {
        if (blockSize != 512 && blockSize != 4096) {
            throw new BlobstoreException(BlobstoreException.EINVAL, "block size must be 512 or 4096, got " + blockSize);
        }
    }

    /** Checks a transfer of {@code bytes} at {@code lba}; returns its length in blocks. */
    static long range(Object device, long lba, long bytes, int blockSize, long blockCount) {
        if (bytes % blockSize != 0) {
            throw new BlobstoreException(BlobstoreException.EINVAL,
                    device + ": transfer of " + bytes + " bytes at lba " + lba + " is not a multiple of the " + blockSize + "-byte block");
        }
        return blocks(device, lba, bytes / blockSize, blockCount);
    }

    static long blocks(Object device, long lba, long count, long blockCount) {
        if (lba < 0 || count < 0 || lba > blockCount - count) {
            throw new BlobstoreException(BlobstoreException.EINVAL,
                    device + ": blocks [" + lba + ", " + (lba + count) + ") outside the device of " + blockCount + " blocks");
        }
        return count;
    }

    static void open(Object device, boolean closed, String operation) {
        if (closed) {
            throw new BlobstoreException(BlobstoreException.EIO, device + ": " + operation + " after close");
        }
    }
}
