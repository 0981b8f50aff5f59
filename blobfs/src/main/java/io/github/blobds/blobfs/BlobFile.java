package io.github.blobds.blobfs;

import io.github.blobds.blobstore.Blob;
import io.github.blobds.blobstore.BlobId;
import java.nio.ByteBuffer;

/**
 * An open BlobFS file, shared by every channel on it (SPDK's {@code struct spdk_file}). Appends go to
 * the blob a whole io_unit at a time; the last, partial io_unit stays in {@link #tail} until a force
 * writes it padded with zeroes, so memory per open file is bounded by one io_unit. Guarded by the file
 * system's lock.
 */
final class BlobFile {

    String name;
    final BlobId id;
    final Blob blob;
    final int ioUnit;
    /** The {@code length} xattr as last persisted. */
    long length;
    /** Bytes appended so far: the file's size. */
    long appendPos;
    /** Bytes [tailStart(), appendPos) not yet written as a whole io_unit. */
    final ByteBuffer tail;
    boolean tailWritten = true;
    /** Whether this file wrote to its blob since the last device flush: a force with nothing to flush is free. */
    boolean unflushed;
    int refCount;
    boolean deleted;

    BlobFile(String name, Blob blob, long length, int ioUnit) {
        this.name = name;
        this.id = blob.id();
        this.blob = blob;
        this.ioUnit = ioUnit;
        this.length = length;
        this.appendPos = length;
        this.tail = ByteBuffer.allocate(ioUnit);
    }

    long tailStart() {
        return appendPos - appendPos % ioUnit;
    }

    int tailLength() {
        return (int) (appendPos % ioUnit);
    }
}
