package io.github.blobds.levelds;

import io.github.blobds.datastore.Batch;
import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.ClosedException;
import io.github.blobds.datastore.InvalidArgumentException;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.NotFoundException;
import io.github.blobds.datastore.PersistentDatastore;
import io.github.blobds.datastore.query.NaiveQuery;
import io.github.blobds.datastore.query.Order;
import io.github.blobds.datastore.query.OrderByKey;
import io.github.blobds.datastore.query.OrderByKeyDescending;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.iq80.leveldb.CompressionType;
import org.iq80.leveldb.Options;
import org.iq80.leveldb.ReadOptions;
import org.iq80.leveldb.WriteOptions;
import org.iq80.leveldb.impl.DbImpl;
import org.iq80.leveldb.impl.WriteBatchImpl;
import org.iq80.leveldb.util.Snappy;

/**
 * go-ds-leveldb (v0.5.x) on any NIO {@link Path}: a datastore in a LevelDB directory whose files go
 * through a {@link PathEnv}, so it runs on the default file system (where it opens kubo's
 * {@code datastore/} directory) and on BlobFS alike.
 *
 * <p><b>Keys and values.</b> A key is stored as its string's UTF-8 bytes, the value as given; LevelDB
 * keeps them sorted byte-wise. Values are copied in and out.
 *
 * <p><b>Durability.</b> With {@link LeveldbOptions#syncWrites()} (the default, as in go-ds-leveldb) every
 * {@link #put}, {@link #delete} and batch {@link Batch#commit commit} forces LevelDB's write-ahead log
 * before returning. Without it, writes reach the log unforced, and {@link #sync} (any prefix: LevelDB has
 * one log) and a clean {@link #close} force it; with it, {@code sync} has nothing to do, as in
 * go-ds-leveldb. Writes survive a crash once forced; unforced ones may be lost, never half-applied.
 *
 * <p><b>Queries</b> read a consistent snapshot taken when {@link #query} is called: they walk LevelDB's
 * iterator over the key range of the query prefix ({@code Key.of(prefix) + "/"}, everything for the root),
 * in byte-wise key order, or backwards when the first order is {@link OrderByKeyDescending}; a first order
 * {@link OrderByKey} or {@code OrderByKeyDescending} is thus served by the iterator. Filters, other
 * orders, offset and limit are applied by {@link NaiveQuery#apply} on a copy of the query without its
 * prefix and those orders; {@link Results#query()} is the query passed in. Entries always carry the
 * value's size. Closing the results releases the iterator; results left open when the datastore closes
 * end with a {@link ClosedException}.
 *
 * <p><b>Batches</b> are LevelDB write batches: applied atomically by one log write on commit, the last
 * operation on a key winning. A batch is not reusable after commit and is not safe for concurrent use.
 *
 * <p><b>Disk usage</b> is the sum of the sizes of the files under the directory.
 *
 * <p>Safe for concurrent use. {@link #close()} waits for calls in progress, closes open results, and is
 * idempotent; every later call throws {@link ClosedException} naming the operation. Failures of LevelDB
 * or its files are {@link LeveldbException}s naming the directory, the operation and the key.
 *
 * <p>Deliberately not done: go-ds-leveldb's transactions ({@code NewTransaction}) and its in-memory mode
 * (path {@code ""}; open on an in-memory NIO file system instead), and goleveldb's automatic repair of a
 * corrupt database (the library has none): opening one fails.
 */
public final class LeveldbDatastore implements Batching, PersistentDatastore {

    private final Path directory;
    private final LeveldbOptions options;
    private final DbImpl db;
    private final WriteOptions writeOptions;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final Set<LeveldbCursor> cursors = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean unsynced = new AtomicBoolean();
    private boolean closed;

    private LeveldbDatastore(Path directory, LeveldbOptions options, DbImpl db) {
        this.directory = directory;
        this.options = options;
        this.db = db;
        this.writeOptions = new WriteOptions().sync(options.syncWrites());
    }

    /** Opens (creating it if missing) the LevelDB in {@code directory} with {@link LeveldbOptions#defaults()}. */
    public static LeveldbDatastore open(Path directory) {
        return open(directory, LeveldbOptions.defaults());
    }

    /**
     * Opens the LevelDB in {@code directory} (go-ds-leveldb's {@code NewDatastore}), replaying its log.
     *
     * @throws LeveldbException when it cannot: the directory is not one, holds no database and
     *         {@code createIfMissing} is off, holds one and {@code errorIfExists} is on, is open already
     *         (in this process or another), or its files are unreadable or corrupt
     */
    public static LeveldbDatastore open(Path directory, LeveldbOptions options) {
        InvalidArgumentException.requireNonNull(directory, "leveldb directory");
        InvalidArgumentException.requireNonNull(options, "leveldb options");
        if (options.compression() == LeveldbOptions.Compression.SNAPPY && !Snappy.available()) {
            throw new LeveldbException("leveldb " + directory + ": open: snappy compression asked for, but no Snappy "
                    + "implementation (org.iq80.snappy or org.xerial.snappy) is on the class path", null);
        }
        if (!options.createIfMissing() && !Files.isDirectory(directory)) {
            throw new LeveldbException("leveldb " + directory + ": open: no database there and createIfMissing is off",
                    new NoSuchFileException(directory.toString()));
        }
        Options o = new Options()
                .createIfMissing(options.createIfMissing())
                .errorIfExists(options.errorIfExists())
                .paranoidChecks(options.paranoidChecks())
                .writeBufferSize(options.writeBufferSize())
                .blockSize(options.blockSize())
                .cacheSize(options.cacheSize())
                .maxOpenFiles(options.maxOpenFiles())
                .compressionType(options.compression() == LeveldbOptions.Compression.SNAPPY
                        ? CompressionType.SNAPPY : CompressionType.NONE)
                .reuseLogs(false)
                .logger(new LeveldbLogger(directory));
        try {
            DbImpl db = new DbImpl(o, directory.toString(), PathEnv.of(directory.getFileSystem()));
            return new LeveldbDatastore(directory, options, db);
        } catch (IOException | RuntimeException e) {
            throw LeveldbException.of(directory, "open", e);
        }
    }

    /** The database directory. */
    public Path directory() {
        return directory;
    }

    /** The options it was opened with. */
    public LeveldbOptions options() {
        return options;
    }

    @Override
    public byte[] get(Key key) {
        InvalidArgumentException.requireKey(key);
        return call("get", key, () -> {
            byte[] value = db.get(key.bytes());
            if (value == null) {
                throw new NotFoundException(key);
            }
            return value;
        });
    }

    @Override
    public boolean has(Key key) {
        InvalidArgumentException.requireKey(key);
        return call("has", key, () -> db.get(key.bytes()) != null);
    }

    @Override
    public int getSize(Key key) {
        InvalidArgumentException.requireKey(key);
        return call("getSize", key, () -> {
            byte[] value = db.get(key.bytes());
            if (value == null) {
                throw new NotFoundException(key);
            }
            return value.length;
        });
    }

    @Override
    public void put(Key key, byte[] value) {
        InvalidArgumentException.requireKey(key);
        InvalidArgumentException.requireValue(key, value);
        write("put", key, () -> db.put(key.bytes(), value, writeOptions));
    }

    @Override
    public void delete(Key key) {
        InvalidArgumentException.requireKey(key);
        write("delete", key, () -> db.delete(key.bytes(), writeOptions));
    }

    /**
     * Forces LevelDB's log when writes are not synced and some were made since the last sync; LevelDB has
     * one log, so every prefix syncs everything.
     */
    @Override
    public void sync(Key prefix) {
        InvalidArgumentException.requireNonNull(prefix, "sync prefix");
        call("sync", prefix, () -> {
            if (!options.syncWrites() && unsynced.getAndSet(false)) {
                db.write(new WriteBatchImpl(), new WriteOptions().sync(true));
            }
            return null;
        });
    }

    @Override
    public Results query(Query query) {
        InvalidArgumentException.requireNonNull(query, "query");
        Optional<String> prefix = NaiveQuery.prefixFilter(query.prefix());
        Query.Builder naive = query.toBuilder();
        if (prefix.isPresent()) {
            naive.prefix("");
        }
        boolean descending = false;
        if (!query.orders().isEmpty()) {
            Order first = query.orders().get(0);
            if (first instanceof OrderByKey || first instanceof OrderByKeyDescending) {
                // Keys are unique, so a key order decides everything: later orders never break a tie.
                descending = first instanceof OrderByKeyDescending;
                naive.orders(List.of());
            }
        }
        byte[] range = prefix.map(p -> p.getBytes(StandardCharsets.UTF_8)).orElse(null);
        boolean reverse = descending;
        LeveldbCursor cursor = call("query", query, () -> {
            LeveldbCursor c = new LeveldbCursor(this, db.iterator(new ReadOptions()), range, reverse, query.keysOnly());
            cursors.add(c);
            return c;
        });
        String what = "query " + query;
        Results source = Results.from(query, () -> call("next result of", what, cursor::next), cursor::close);
        return NaiveQuery.apply(naive.build(), source);
    }

    @Override
    public Batch batch() {
        return call("batch", directory, () -> new LeveldbBatch(this));
    }

    /** The bytes of every file under the directory (go-ds-leveldb's {@code DiskUsage}). */
    @Override
    public long diskUsage() {
        return call("diskUsage", directory, () -> {
            long[] total = {0};
            try {
                Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        total[0] += attrs.isRegularFile() ? attrs.size() : 0;
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (e instanceof NoSuchFileException) {
                            return FileVisitResult.CONTINUE; // deleted by a compaction meanwhile
                        }
                        throw e;
                    }
                });
            } catch (IOException e) {
                throw LeveldbException.of(directory, "diskUsage", e);
            }
            return total[0];
        });
    }

    /** Closes open results, then LevelDB (waiting for a running compaction); idempotent. */
    @Override
    public void close() {
        Lock lock = lifecycle.writeLock();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (LeveldbCursor c : List.copyOf(cursors)) {
                c.close();
            }
            db.close();
        } catch (RuntimeException e) {
            throw LeveldbException.of(directory, "close", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "LeveldbDatastore[" + directory + "]";
    }

    /** Applies a batch's operations in one log write. */
    void commit(WriteBatchImpl batch, int operations) {
        write("commit of a batch of " + operations + " operations to", directory, () -> db.write(batch, writeOptions));
    }

    /** Throws {@link ClosedException} when closed; for batches, which do not otherwise touch LevelDB before commit. */
    void checkOpen(String operation, Object subject) {
        call(operation, subject, () -> null);
    }

    void forget(LeveldbCursor cursor) {
        cursors.remove(cursor);
    }

    /** A LevelDB property such as {@code leveldb.num-files-at-level0} or {@code leveldb.stats} (for tests). */
    String property(String name) {
        return call("property", name, () -> db.getProperty(name));
    }

    /** Query results not yet closed (for tests). */
    int openResults() {
        return cursors.size();
    }

    private void write(String operation, Object subject, Runnable action) {
        call(operation, subject, () -> {
            action.run();
            if (!options.syncWrites()) {
                unsynced.set(true);
            }
            return null;
        });
    }

    /** Runs {@code action} while the datastore is open, mapping LevelDB's failures in one place. */
    private <T> T call(String operation, Object subject, Supplier<T> action) {
        Lock lock = lifecycle.readLock();
        lock.lock();
        try {
            if (closed) {
                throw ClosedException.of(this, operation + " " + subject);
            }
            return action.get();
        } catch (RuntimeException e) {
            throw LeveldbException.of(directory, operation + " " + subject, e);
        } finally {
            lock.unlock();
        }
    }
}
