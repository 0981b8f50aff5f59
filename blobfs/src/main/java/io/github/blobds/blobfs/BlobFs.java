package io.github.blobds.blobfs;

import io.github.blobds.blobstore.Blob;
import io.github.blobds.blobstore.BlobId;
import io.github.blobds.blobstore.BlobOptions;
import io.github.blobds.blobstore.Blobstore;
import io.github.blobds.blobstore.BlobstoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * SPDK BlobFS on any {@link Blobstore}, in BlobFS's on-disk format (reference §4.1): bstype
 * {@code BLOBFS}, one thick blob per file with the public xattrs {@code name} (the name's UTF-8 bytes
 * and a NUL), {@code length} (u64 little-endian, the length as of the last force) and, for a file
 * deleted while open, {@code is_deleted} (one byte, 1). Names are flat: up to 255 bytes, {@code /} is an
 * ordinary character.
 *
 * <p>Guarantees beyond SPDK BlobFS, keeping its format:
 * <ul>
 *   <li>Create is one blob creation with its name and length (SPDK persists a nameless blob first),
 *       so an interrupted create leaves nothing behind.</li>
 *   <li>Rename over an existing file is atomic: the source is renamed first, carrying a higher
 *       {@code blobds.generation} xattr (u64 LE; absent means 0), and only then is the old target
 *       deleted; after a crash in between, load keeps the newest of the two blobs claiming the name.</li>
 *   <li>Load repairs every leftover of an interrupted operation: blobs without {@code name} or
 *       {@code length}, blobs marked {@code is_deleted}, and older duplicates of a name are deleted.</li>
 *   <li>Create, rename and delete are durable when they return ({@link Blobstore#flush()}); a file's
 *       data and length are durable after {@link #force}.</li>
 *   <li>Memory is bounded (one io_unit per open file); writes never fail for lack of cache; a full
 *       device fails an append with ENOSPC before anything of it is written.</li>
 * </ul>
 * All operations take one lock; this class is safe for concurrent use.
 */
public final class BlobFs implements AutoCloseable {

    public static final String BSTYPE = "BLOBFS";

    /**
     * The cluster size blobds formats BlobFS with: 256 KiB. Every file takes at least one cluster and one
     * metadata page, and IPFS blocks are at most 1 MiB and usually 256 KiB, so 256 KiB clusters waste
     * little per block file while LevelDB's larger tables span several clusters. SPDK's BlobFS default
     * is 1 MiB ({@code spdk_fs_opts_init}); either loads here.
     */
    public static final long DEFAULT_CLUSTER_SIZE = 256 << 10;

    /**
     * Blobstore options to format a device for BlobFS (SPDK's mkfs): bstype {@code BLOBFS}, the given
     * cluster size (0 for {@link #DEFAULT_CLUSTER_SIZE}) and metadata pages (-1: one per cluster).
     */
    public static io.github.blobds.blobstore.BlobstoreOptions formatOptions(long clusterSize, long mdPages) {
        return io.github.blobds.blobstore.BlobstoreOptions.defaults().withBstype(BSTYPE)
                .withClusterSize(clusterSize == 0 ? DEFAULT_CLUSTER_SIZE : clusterSize).withNumMdPages(mdPages);
    }
    public static final int MAX_NAME_BYTES = 255;
    static final String XATTR_NAME = "name";
    static final String XATTR_LENGTH = "length";
    static final String XATTR_DELETED = "is_deleted";
    static final String XATTR_GENERATION = "blobds.generation";

    /** A file known to the file system; {@code open} is set while a channel has it open. */
    private static final class Entry {
        final BlobId id;
        long size;
        BlobFile open;

        Entry(BlobId id, long size) {
            this.id = id;
            this.size = size;
        }
    }

    final ReentrantLock lock = new ReentrantLock();
    private final Blobstore bs;
    private final Map<String, Entry> files = new LinkedHashMap<>();
    private final List<BlobFile> orphans = new ArrayList<>();
    private final int repairs;
    private long nextGeneration;
    private boolean closed;

    private BlobFs(Blobstore bs, int repairs, long nextGeneration) {
        this.bs = bs;
        this.repairs = repairs;
        this.nextGeneration = nextGeneration;
    }

    /**
     * Loads the BlobFS on {@code bs} (SPDK's {@code spdk_fs_load}), repairing leftovers of interrupted
     * operations. A blobstore of another type is refused; an empty one of type {@code ""} or
     * {@code BLOBFS} is an empty file system.
     */
    public static BlobFs load(Blobstore bs) throws IOException {
        if (!bs.bstype().isEmpty() && !bs.bstype().equals(BSTYPE)) {
            throw new BlobFsException(bs.toString(), BlobstoreException.EINVAL, "not a BlobFS: blobstore type is \"" + bs.bstype() + "\"");
        }
        record Found(BlobId id, String name, long length, long generation) {
        }
        List<Found> found = new ArrayList<>();
        List<BlobId> doomed = new ArrayList<>();
        long maxGeneration = 0;
        for (BlobId id : bs.blobIds()) {
            try (Blob blob = bs.open(id)) {
                List<String> names = blob.xattrNames();
                byte[] name = names.contains(XATTR_NAME) ? blob.getXattr(XATTR_NAME) : null;
                byte[] length = names.contains(XATTR_LENGTH) ? blob.getXattr(XATTR_LENGTH) : null;
                boolean deleted = names.contains(XATTR_DELETED) && blob.getXattr(XATTR_DELETED).length > 0
                        && blob.getXattr(XATTR_DELETED)[0] != 0;
                if (name == null || length == null || length.length != 8 || deleted) {
                    doomed.add(id);
                    continue;
                }
                long generation = names.contains(XATTR_GENERATION) ? u64(blob.getXattr(XATTR_GENERATION)) : 0;
                maxGeneration = Math.max(maxGeneration, generation);
                found.add(new Found(id, decodeName(name), u64(length), generation));
            }
        }
        Map<String, Found> newest = new LinkedHashMap<>();
        for (Found f : found) {
            Found other = newest.get(f.name());
            if (other == null) {
                newest.put(f.name(), f);
            } else if (f.generation() > other.generation() || f.generation() == other.generation() && f.id().compareTo(other.id()) > 0) {
                doomed.add(other.id());
                newest.put(f.name(), f);
            } else {
                doomed.add(f.id());
            }
        }
        for (BlobId id : doomed) {
            bs.delete(id);
        }
        if (!doomed.isEmpty()) {
            bs.flush();
        }
        BlobFs fs = new BlobFs(bs, doomed.size(), maxGeneration + 1);
        List<Found> ordered = new ArrayList<>(newest.values());
        ordered.sort((a, b) -> a.id().compareTo(b.id()));
        for (Found f : ordered) {
            fs.files.put(f.name(), new Entry(f.id(), f.length()));
        }
        return fs;
    }

    /** Blobs deleted by the last load as leftovers of interrupted operations. */
    public int repairsAtLoad() {
        return repairs;
    }

    /** The blobstore underneath. */
    public Blobstore blobstore() {
        return bs;
    }

    static long u64(byte[] b) {
        return b.length < 8 ? 0 : ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    }

    static byte[] u64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, v).array();
    }

    private static String decodeName(byte[] stored) {
        int n = stored.length;
        while (n > 0 && stored[n - 1] == 0) {
            n--;
        }
        return new String(stored, 0, n, StandardCharsets.UTF_8);
    }

    static byte[] encodeName(String name) {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(b, b.length + 1);
    }

    /** Checks a BlobFS name: 1 to 255 UTF-8 bytes, no NUL. */
    static void checkName(String name) throws IOException {
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            throw new BlobFsException(name, -36, "name is " + bytes + " bytes, BlobFS allows at most " + MAX_NAME_BYTES + " (ENAMETOOLONG)");
        }
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new BlobFsException(name, BlobstoreException.EINVAL, "not a valid BlobFS file name");
        }
    }

    static IOException io(String file, BlobstoreException e) {
        BlobFsException io = new BlobFsException(file, e.errno(), e.getMessage());
        io.initCause(e);
        return io;
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new java.nio.file.ClosedFileSystemException();
        }
    }

    // ------------------------------------------------------------------ names

    /** The names of every file, in load order then creation order (SPDK's iteration order). */
    public List<String> list() throws IOException {
        lock.lock();
        try {
            checkOpen();
            return List.copyOf(files.keySet());
        } finally {
            lock.unlock();
        }
    }

    /** Whether a file of this name exists. */
    public boolean exists(String name) {
        lock.lock();
        try {
            return !closed && files.containsKey(name);
        } finally {
            lock.unlock();
        }
    }

    /** The file's size: bytes appended, synced or not. */
    public long size(String name) throws IOException {
        lock.lock();
        try {
            checkOpen();
            Entry e = entry(name);
            return e.open != null ? e.open.appendPos : e.size;
        } finally {
            lock.unlock();
        }
    }

    /** The blob holding the file. */
    public BlobId blobId(String name) throws IOException {
        lock.lock();
        try {
            checkOpen();
            return entry(name).id;
        } finally {
            lock.unlock();
        }
    }

    private Entry entry(String name) throws NoSuchFileException {
        Entry e = files.get(name);
        if (e == null) {
            throw new NoSuchFileException(name);
        }
        return e;
    }

    // ------------------------------------------------------------------ open, create, delete, rename

    /**
     * Opens a file, creating it when {@code create} (failing when it exists and {@code createNew}).
     * Every open must be matched by {@link #release}.
     */
    BlobFile open(String name, boolean create, boolean createNew) throws IOException {
        checkName(name);
        lock.lock();
        try {
            checkOpen();
            Entry e = files.get(name);
            if (e != null && createNew) {
                throw new FileAlreadyExistsException(name);
            }
            if (e == null) {
                if (!create) {
                    throw new NoSuchFileException(name);
                }
                e = new Entry(createBlob(name), 0);
                files.put(name, e);
            }
            if (e.open == null) {
                Blob blob;
                try {
                    blob = bs.open(e.id);
                } catch (BlobstoreException ex) {
                    throw io(name, ex);
                }
                BlobFile f = new BlobFile(name, blob, e.size, bs.ioUnitSize());
                if (f.tailLength() > 0) {
                    try {
                        blob.read(f.tailStart() / f.ioUnit, f.tail.clear());
                    } catch (BlobstoreException ex) {
                        blob.close();
                        throw io(name, ex);
                    }
                    f.tail.clear();
                }
                e.open = f;
            }
            e.open.refCount++;
            return e.open;
        } finally {
            lock.unlock();
        }
    }

    private BlobId createBlob(String name) throws IOException {
        try {
            BlobId id = bs.create(BlobOptions.builder().numClusters(1)
                    .xattr(XATTR_NAME, encodeName(name)).xattr(XATTR_LENGTH, u64(0)).build());
            bs.flush();
            return id;
        } catch (BlobstoreException ex) {
            throw io(name, ex);
        }
    }

    /** Creates an empty file. */
    void create(String name) throws IOException {
        release(open(name, true, true));
    }

    /** Drops one opener of {@code f}; the last one forces it and closes its blob (deleting it if it was deleted while open). */
    void release(BlobFile f) throws IOException {
        lock.lock();
        try {
            if (f.refCount == 0) {
                return;
            }
            if (--f.refCount > 0) {
                return;
            }
            try {
                if (!f.deleted) {
                    forceLocked(f);
                }
            } finally {
                f.blob.close();
                if (f.deleted) {
                    orphans.remove(f);
                    bs.delete(f.id);
                    bs.flush();
                } else {
                    Entry e = files.get(f.name);
                    if (e != null && e.open == f) {
                        e.size = f.appendPos;
                        e.open = null;
                    }
                }
            }
        } catch (BlobstoreException ex) {
            throw io(f.name, ex);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Deletes a file. If it is open, its name goes at once and its blob is marked {@code is_deleted}
     * (so a load deletes it) and deleted when the last channel closes; the channels keep working.
     */
    public void delete(String name) throws IOException {
        lock.lock();
        try {
            checkOpen();
            Entry e = entry(name);
            files.remove(name);
            deleteEntry(name, e);
            bs.flush();
        } catch (BlobstoreException ex) {
            throw io(name, ex);
        } finally {
            lock.unlock();
        }
    }

    private void deleteEntry(String name, Entry e) {
        if (e.open != null) {
            BlobFile f = e.open;
            f.blob.setXattr(XATTR_DELETED, new byte[] {1});
            f.blob.syncMetadata();
            f.deleted = true;
            orphans.add(f);
        } else {
            bs.delete(e.id);
        }
    }

    /**
     * Renames {@code from} to {@code to}, atomically replacing an existing {@code to} when
     * {@code replace}: the source takes the name (with a higher generation) before the old target is
     * deleted. Renaming a file to itself does nothing.
     */
    public void rename(String from, String to, boolean replace) throws IOException {
        checkName(to);
        lock.lock();
        try {
            checkOpen();
            Entry src = entry(from);
            if (from.equals(to)) {
                return;
            }
            Entry target = files.get(to);
            if (target != null && !replace) {
                throw new FileAlreadyExistsException(to);
            }
            Blob blob = src.open != null ? src.open.blob : bs.open(src.id);
            try {
                blob.setXattr(XATTR_NAME, encodeName(to));
                if (target != null) {
                    blob.setXattr(XATTR_GENERATION, u64(nextGeneration++));
                }
                blob.syncMetadata();
                bs.flush();
            } finally {
                if (src.open == null) {
                    blob.close();
                }
            }
            files.remove(from);
            if (target != null) {
                files.remove(to);
                deleteEntry(to, target);
            }
            files.put(to, src);
            if (src.open != null) {
                src.open.name = to;
            }
            bs.flush();
        } catch (BlobstoreException ex) {
            throw io(from, ex);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ data

    /** The position meaning "wherever the file ends when the append runs" (an atomic O_APPEND write). */
    static final long AT_END = -1;

    /** Appends {@code src} at {@code position}, which must be the file's size (or {@link #AT_END}). */
    int append(BlobFile f, long position, ByteBuffer src) throws IOException {
        lock.lock();
        try {
            checkOpen();
            if (position != AT_END && position != f.appendPos) {
                throw new BlobFsException(f.name, BlobstoreException.EINVAL, "BlobFS files are append-only: write at offset " + position
                        + " but the file ends at " + f.appendPos);
            }
            int len = src.remaining();
            if (len == 0) {
                return 0;
            }
            long clusterSize = bs.clusterSize();
            long need = (f.appendPos + len + clusterSize - 1) / clusterSize;
            if (need > f.blob.numClusters()) {
                f.blob.resize(need);
                f.blob.syncMetadata();
                f.unflushed = true;
            }
            int unit = f.ioUnit;
            if (f.tailLength() > 0 || len < unit) {
                int take = Math.min(len, unit - f.tailLength());
                f.tail.position(f.tailLength());
                f.tail.put(src.slice(src.position(), take));
                src.position(src.position() + take);
                long start = f.tailStart();
                f.appendPos += take;
                f.tailWritten = false;
                if (f.tailLength() == 0) {
                    f.blob.write(start / unit, f.tail.clear());
                    f.unflushed = true;
                    f.tail.clear();
                    f.tailWritten = true;
                }
            }
            int whole = src.remaining() / unit * unit;
            if (whole > 0) {
                f.blob.write(f.appendPos / unit, src.slice(src.position(), whole));
                f.unflushed = true;
                src.position(src.position() + whole);
                f.appendPos += whole;
            }
            int rest = src.remaining();
            if (rest > 0) {
                f.tail.clear().put(src);
                f.tail.clear();
                f.appendPos += rest;
                f.tailWritten = false;
            }
            return len;
        } catch (BlobstoreException ex) {
            throw io(f.name, ex);
        } finally {
            lock.unlock();
        }
    }

    /** Reads into {@code dst} from {@code position}; -1 at the end of the file. */
    int read(BlobFile f, long position, ByteBuffer dst) throws IOException {
        lock.lock();
        try {
            checkOpen();
            if (position >= f.appendPos) {
                return dst.hasRemaining() ? -1 : 0;
            }
            int n = (int) Math.min(dst.remaining(), f.appendPos - position);
            long end = position + n;
            long tailStart = f.tailStart();
            long pos = position;
            int unit = f.ioUnit;
            if (pos < tailStart) {
                long blobEnd = Math.min(end, tailStart);
                long first = pos / unit;
                long last = (blobEnd + unit - 1) / unit;
                if (pos % unit == 0 && blobEnd % unit == 0) {
                    // Whole io_units: straight into the caller's buffer, no bounce buffer.
                    int len = (int) (blobEnd - pos);
                    f.blob.read(first, dst.slice(dst.position(), len));
                    dst.position(dst.position() + len);
                } else {
                    ByteBuffer buf = ByteBuffer.allocate((int) ((last - first) * unit));
                    f.blob.read(first, buf);
                    buf.position((int) (pos - first * unit)).limit((int) (blobEnd - first * unit));
                    dst.put(buf);
                }
                pos = blobEnd;
            }
            if (pos < end) {
                dst.put(f.tail.duplicate().position((int) (pos - tailStart)).limit((int) (end - tailStart)));
            }
            return n;
        } catch (BlobstoreException ex) {
            throw io(f.name, ex);
        } finally {
            lock.unlock();
        }
    }

    /** Makes the file's data and length durable (SPDK's {@code spdk_file_sync}, plus a device flush). */
    void force(BlobFile f) throws IOException {
        lock.lock();
        try {
            checkOpen();
            forceLocked(f);
        } catch (BlobstoreException ex) {
            throw io(f.name, ex);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes the file's data and length durable: writes a pending tail, flushes the device, then persists
     * a changed length and flushes again. A file that wrote nothing since its last flush (a channel only
     * read through, closed) costs no device flush.
     */
    private void forceLocked(BlobFile f) {
        if (!f.tailWritten && f.tailLength() > 0) {
            ByteBuffer padded = ByteBuffer.allocate(f.ioUnit).put(f.tail.duplicate().clear().limit(f.tailLength()));
            f.blob.write(f.tailStart() / f.ioUnit, padded.clear());
            f.unflushed = true;
            f.tailWritten = true;
        }
        boolean lengthChanged = f.length != f.appendPos;
        if (lengthChanged) {
            bs.flush();
            f.blob.setXattr(XATTR_LENGTH, u64(f.appendPos));
            f.blob.syncMetadata();
            f.length = f.appendPos;
        }
        if (f.unflushed || lengthChanged) {
            bs.flush();
            f.unflushed = false;
        }
    }

    /** Shrinks the file to {@code size} bytes (SPDK's truncate: the blob shrinks to whole clusters); durable on return. */
    void truncate(BlobFile f, long size) throws IOException {
        lock.lock();
        try {
            checkOpen();
            if (size >= f.appendPos) {
                return;
            }
            long clusters = (size + bs.clusterSize() - 1) / bs.clusterSize();
            int keep = (int) (size % f.ioUnit);
            long newTailStart = size - keep;
            ByteBuffer newTail = ByteBuffer.allocate(f.ioUnit);
            if (keep > 0) {
                if (newTailStart == f.tailStart()) {
                    newTail.put(f.tail.duplicate().clear().limit(keep));
                } else {
                    ByteBuffer unit = ByteBuffer.allocate(f.ioUnit);
                    f.blob.read(newTailStart / f.ioUnit, unit);
                    newTail.put(unit.clear().limit(keep));
                }
            }
            f.appendPos = size;
            f.tail.clear().put(newTail.clear());
            f.tail.clear();
            f.tailWritten = false;
            f.blob.resize(clusters);
            f.blob.setXattr(XATTR_LENGTH, u64(size));
            f.blob.syncMetadata();
            f.length = size;
            f.unflushed = true;
            forceLocked(f);
        } catch (BlobstoreException ex) {
            throw io(f.name, ex);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes every open file (forcing it) and this file system; the blobstore stays loaded (close it
     * to unload). Idempotent.
     */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            IOException first = null;
            for (Entry e : new ArrayList<>(files.values())) {
                while (e.open != null && e.open.refCount > 0) {
                    try {
                        release(e.open);
                    } catch (IOException ex) {
                        first = first == null ? ex : first;
                        break;
                    }
                }
            }
            for (BlobFile f : new ArrayList<>(orphans)) {
                while (f.refCount > 0) {
                    release(f);
                }
            }
            closed = true;
            if (first != null) {
                throw first;
            }
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Names that start with {@code prefix}. */
    List<String> namesStartingWith(String prefix) {
        lock.lock();
        try {
            List<String> out = new ArrayList<>();
            for (String n : files.keySet()) {
                if (n.startsWith(prefix)) {
                    out.add(n);
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "BlobFs(" + bs + ")";
    }
}
