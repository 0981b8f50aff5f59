package io.github.blobds.flatfs;

import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.ClosedException;
import io.github.blobds.datastore.DatastoreException;
import io.github.blobds.datastore.InvalidArgumentException;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.NotFoundException;
import io.github.blobds.datastore.PersistentDatastore;
import io.github.blobds.datastore.query.NaiveQuery;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * go-ds-flatfs v0.6.1 on any {@link Path}: one file per key, in one level of shard directories, in a
 * directory go-ds-flatfs (and so kubo, as its {@code blocks/}) opens as its own.
 *
 * <p><b>Layout.</b> {@code SHARDING} holds the {@link ShardFunction}'s identifier and a newline;
 * {@code _README} explains the layout (written only for {@link ShardFunction#DEFAULT}); the value of key
 * {@code /KEY} is the file {@code <shard(KEY)>/KEY.data}; {@code diskUsage.cache} holds the disk usage
 * as go's JSON; {@code .temp/} holds files being written and is emptied on every open.
 *
 * <p><b>Keys.</b> Only keys of one namespace made of {@code 0-9 A-Z + - _ =} (go's {@code keyIsValid}),
 * such as base32 CIDs: {@link #put} and {@link FlatfsBatch#put} of another key throw an
 * {@link io.github.blobds.datastore.InvalidKeyException} naming it; for such a key {@link #get} and
 * {@link #getSize} throw {@link NotFoundException}, {@link #has} is {@code false} and {@link #delete}
 * does nothing. A query with a prefix other than the root returns nothing (no key can be below one).
 *
 * <p><b>Writes.</b> A put writes a temporary file in {@code .temp/} and renames it over the key's file,
 * so readers see the old value or the new one, never a part. With {@code sync} on, the file is forced
 * before the rename and its directory (and the root, when a shard directory was created) after it, so
 * a put is durable when it returns; deletes become durable at the next {@link #sync} (go never forces
 * them). With {@code sync} off, {@link #sync} (whatever its prefix) forces every file and directory
 * written since the last one. Sequential writes to a key apply in order; concurrent writes to one key
 * are coalesced as in go: a write that starts while another on the key is running waits for it and,
 * if it succeeded, reports success without writing.
 *
 * <p><b>Queries</b> walk the shard directories lazily (entries starting with {@code .} are skipped);
 * filters, orders, offset and limit are applied by {@link NaiveQuery}. Closing the results stops the
 * walk and closes its directory streams. A query sees a weakly consistent view: writes racing with it
 * may or may not be seen.
 *
 * <p><b>Disk usage</b> ({@link #diskUsage()}) counts the bytes of the files and directories (as go:
 * the data files, the shard directories, and whatever the directory held when it was measured), kept
 * up to date by every write. It is <b>checkpointed on writes only</b>, with no timer thread: the write
 * that moves it more than 1 % away from the value last written to {@code diskUsage.cache} writes it
 * there, and {@link #close()} writes it, forced. (go also writes smaller changes after 2 s, from a
 * timer goroutine; here they wait for the next large change or the close.) When the cache is missing,
 * open measures the directory (see {@link FlatfsOptions} for the sampling, deadline and clock).
 *
 * <p><b>Not done.</b> No locking against a second datastore (or process) opening the same directory —
 * the second open empties the first one's {@code .temp/}; no re-sharding ({@code convert.go}); no retry
 * loops with sleeps (go retries renames and opens on Windows and on {@code EMFILE}). Safe for concurrent
 * use. After {@link #close()} (idempotent) every operation throws {@link ClosedException} — go keeps
 * serving reads after close.
 */
public final class FlatfsDatastore implements Batching, PersistentDatastore {

    /** go's {@code SHARDING_FN}. */
    public static final String SHARDING_FILE = FlatfsLayout.SHARDING_FILE;
    /** go's {@code README_FN}. */
    public static final String README_FILE = Readme.FILE;
    /** go's {@code DiskUsageFile}. */
    public static final String DISK_USAGE_FILE = DiskUsage.FILE;
    /** The directory of files being written. */
    public static final String TEMP_DIR = FlatfsLayout.TEMP_DIR;
    /** The extension of data files. */
    public static final String EXTENSION = FlatfsKeys.EXTENSION;

    private final Path root;
    private final ShardFunction shard;
    private final Durability durability;
    private final DiskUsage diskUsage;
    private final FlatfsWrites writes;
    private final ReentrantReadWriteLock shutdown = new ReentrantReadWriteLock();
    private volatile boolean closed;

    private FlatfsDatastore(Path root, ShardFunction shard, boolean sync, DiskUsage diskUsage, AtomicLong tempNames) {
        this.root = root;
        this.shard = shard;
        this.durability = new Durability(root, sync);
        this.diskUsage = diskUsage;
        this.writes = new FlatfsWrites(root, shard, durability, diskUsage, tempNames);
    }

    /**
     * Makes {@code dir} a flatfs datastore with shard function {@code shard} (go's {@code Create}): creates
     * the directory if missing (its parent must exist), then writes {@code SHARDING} and, for the default
     * shard function, {@code _README}.
     *
     * @throws FlatfsExistsException when {@code dir} already is a datastore with this shard function
     * @throws FlatfsLayoutException when it is one with another shard function ({@code specified shard func
     *         '…' does not match repo shard func '…'}) or a non-empty directory without {@code SHARDING}
     * @throws FlatfsIoException when the file system fails
     */
    public static void create(Path dir, ShardFunction shard) {
        InvalidArgumentException.requireNonNull(dir, "flatfs directory");
        InvalidArgumentException.requireNonNull(shard, "shard function");
        FlatfsLayout.create(dir, shard);
    }

    /** {@link #open(Path, FlatfsOptions)} with the default options and {@code sync} as given (go's {@code Open}). */
    public static FlatfsDatastore open(Path dir, boolean sync) {
        return open(dir, FlatfsOptions.defaults().withSync(sync));
    }

    /**
     * Opens the flatfs datastore in {@code dir} (go's {@code Open}): reads {@code SHARDING}, empties
     * {@code .temp/}, and reads the disk usage from {@code diskUsage.cache} or measures it.
     *
     * @throws FlatfsLayoutException when {@code dir} does not exist ({@code datastore directory does not
     *         exist: …}) or has no {@code SHARDING} file
     * @throws InvalidShardFunctionException when {@code SHARDING} names no shard function
     * @throws FlatfsIoException when the file system fails
     */
    public static FlatfsDatastore open(Path dir, FlatfsOptions options) {
        InvalidArgumentException.requireNonNull(dir, "flatfs directory");
        InvalidArgumentException.requireNonNull(options, "flatfs options");
        ShardFunction shard = FlatfsLayout.openDirectory(dir);
        Path temp = dir.resolve(TEMP_DIR);
        AtomicLong tempNames = new AtomicLong();
        DiskUsage du;
        try {
            du = DiskUsage.open(dir, () -> temp.resolve("temp-du-" + tempNames.incrementAndGet()), options);
        } catch (IOException e) {
            throw FlatfsIoException.of("measure disk usage of", dir, e);
        }
        return new FlatfsDatastore(dir, shard, options.sync(), du, tempNames);
    }

    /** {@link #create} unless {@code dir} already is a datastore with this shard function, then {@link #open(Path, boolean)}. */
    public static FlatfsDatastore createOrOpen(Path dir, ShardFunction shard, boolean sync) {
        return createOrOpen(dir, shard, FlatfsOptions.defaults().withSync(sync));
    }

    /** {@link #create} unless {@code dir} already is a datastore with this shard function, then {@link #open(Path, FlatfsOptions)}. */
    public static FlatfsDatastore createOrOpen(Path dir, ShardFunction shard, FlatfsOptions options) {
        try {
            create(dir, shard);
        } catch (FlatfsExistsException e) {
            // go's CreateOrOpen ignores ErrDatastoreExists
        }
        return open(dir, options);
    }

    /**
     * The shard function in {@code dir}'s {@code SHARDING} file (go's {@code ReadShardFunc}).
     *
     * @throws FlatfsLayoutException when there is none ({@code SHARDING file not found in datastore: …})
     * @throws InvalidShardFunctionException when it names no shard function (go's message, after the file's path)
     */
    public static ShardFunction readShardFunction(Path dir) {
        return FlatfsLayout.readShardFunction(InvalidArgumentException.requireNonNull(dir, "flatfs directory"));
    }

    /** The datastore's directory. */
    public Path path() {
        return root;
    }

    /** The shard function of this datastore (go's {@code ShardStr}, as an object). */
    public ShardFunction shardFunction() {
        return shard;
    }

    /** How the disk usage this datastore started from was obtained (go's {@code Accuracy}). */
    public DiskUsageAccuracy accuracy() {
        return diskUsage.accuracy();
    }

    @Override
    public byte[] get(Key key) {
        checkOpen(InvalidArgumentException.requireKey(key), "get");
        if (!FlatfsKeys.isValid(key)) {
            throw new NotFoundException(key);
        }
        Path file = dataFile(key);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NotFoundException(key);
        } catch (IOException e) {
            throw FlatfsIoException.of("get key " + key + " from", file, e);
        }
    }

    @Override
    public boolean has(Key key) {
        checkOpen(InvalidArgumentException.requireKey(key), "has");
        return FlatfsKeys.isValid(key) && size(key) >= 0;
    }

    @Override
    public int getSize(Key key) {
        checkOpen(InvalidArgumentException.requireKey(key), "getSize");
        long size = FlatfsKeys.isValid(key) ? size(key) : -1;
        if (size < 0) {
            throw new NotFoundException(key);
        }
        if (size > Integer.MAX_VALUE) {
            throw new DatastoreException("value of key " + key + " has " + size + " bytes, more than an int can count");
        }
        return (int) size;
    }

    /** The size of a valid key's file, or -1 when there is none. */
    private long size(Key key) {
        Path file = dataFile(key);
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).size();
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            throw FlatfsIoException.of("stat key " + key + " at", file, e);
        }
    }

    @Override
    public Results query(Query query) {
        InvalidArgumentException.requireNonNull(query, "query");
        checkOpen("query");
        if (!Key.of(query.prefix()).equals(Key.ROOT)) {
            return Results.of(query, List.of());
        }
        return NaiveQuery.apply(query, walk(query));
    }

    /** Every entry on disk, as {@code query} asks for them (values, sizes), without its filters, orders, offset or limit. */
    Results walk(Query query) {
        ShardWalk walk = new ShardWalk(root, query.keysOnly(), query.returnsSizes());
        return Results.from(query, walk::next, walk::close);
    }

    /**
     * Stores {@code value} at {@code key} through a temporary file and a rename.
     *
     * @throws io.github.blobds.datastore.InvalidKeyException when flatfs cannot hold {@code key}
     */
    @Override
    public void put(Key key, byte[] value) {
        InvalidArgumentException.requireValue(InvalidArgumentException.requireKey(key), value);
        write(key, "put", () -> writes.put(FlatfsKeys.requireValid(key), value));
    }

    @Override
    public void delete(Key key) {
        InvalidArgumentException.requireKey(key);
        write(key, "delete", () -> {
            if (FlatfsKeys.isValid(key)) {
                writes.delete(key);
            }
        });
    }

    /** Runs a write under the shutdown lock, coalesced with concurrent writes to {@code key}. */
    private void write(Key key, String operation, Runnable op) {
        Lock lock = shutdown.readLock();
        lock.lock();
        try {
            checkOpen(key, operation);
            op.run();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Applies a batch under the shutdown lock (go's {@code flatfsBatch.Commit}, see
     * {@link FlatfsWrites#commit}).
     */
    void commit(Map<Key, Boolean> batchOps, Path batchDir, Object batch) {
        Lock lock = shutdown.readLock();
        lock.lock();
        try {
            checkOpen("commit of " + batch);
            writes.commit(batchOps, batchDir, batch);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes every put and delete that returned before this call durable, whatever {@code prefix} is
     * (forcing more than asked is allowed). A no-op beyond the closed check when everything was forced
     * already.
     */
    @Override
    public void sync(Key prefix) {
        InvalidArgumentException.requireNonNull(prefix, "sync prefix");
        Lock lock = shutdown.readLock();
        lock.lock();
        try {
            checkOpen(prefix, "sync");
            durability.flush();
        } catch (IOException e) {
            throw FlatfsIoException.of("sync", root, e);
        } finally {
            lock.unlock();
        }
    }

    /** The bytes used by data files and directories, kept up to date by every write (go's {@code DiskUsage}). */
    @Override
    public long diskUsage() {
        checkOpen("diskUsage");
        return diskUsage.get();
    }

    /**
     * A new batch. Its operations are kept in its own directory under {@code .temp/} until
     * {@link FlatfsBatch#commit()}; the last operation on a key wins.
     */
    @Override
    public FlatfsBatch batch() {
        checkOpen("batch");
        return new FlatfsBatch(this);
    }

    /**
     * Waits for running writes, then writes the disk usage to {@code diskUsage.cache}, forced. Idempotent;
     * afterwards every operation throws {@link ClosedException}.
     */
    @Override
    public void close() {
        Lock lock = shutdown.writeLock();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            diskUsage.close();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "FlatfsDatastore[" + root + ", " + shard + "]";
    }

    Path dataFile(Key key) {
        return writes.dataFile(key);
    }

    /** A fresh name in {@code .temp/}. */
    Path tempFile(String prefix) {
        return writes.tempFile(prefix);
    }

    boolean syncWrites() {
        return writes.sync();
    }

    void checkOpen(String operation) {
        if (closed) {
            throw ClosedException.of(this, operation);
        }
    }

    private void checkOpen(Key key, String operation) {
        if (closed) {
            throw ClosedException.of(this, operation + " " + key);
        }
    }
}
