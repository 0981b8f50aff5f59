package io.github.blobds.flatfs;

import io.github.blobds.datastore.Batch;
import io.github.blobds.datastore.ClosedException;
import io.github.blobds.datastore.InvalidArgumentException;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.NotFoundException;
import io.github.blobds.datastore.query.Entry;
import io.github.blobds.datastore.query.NaiveQuery;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Result;
import io.github.blobds.datastore.query.Results;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A batch of a {@link FlatfsDatastore} (go-ds-flatfs v0.6.1 {@code flatfsBatch}, the temporary-directory
 * design): each put writes its value at once into the batch's own directory under {@code .temp/} (forced
 * when the datastore syncs), so the caller may reuse the array right away; {@link #commit()} renames
 * the files into their shard directories and applies the deletes.
 *
 * <p><b>The last operation on a key wins</b>, as the datastore contract says for batches: put, delete,
 * put stores the second value. go-ds-flatfs keeps the <em>first</em> put of a key in a batch (content
 * addressing makes them equal there); this batch does not. A delete of a key flatfs cannot hold does
 * nothing; a put of one throws {@link io.github.blobds.datastore.InvalidKeyException}.
 *
 * <p>Reads ({@link #get}, {@link #has}, {@link #getSize}, {@link #query}) see the datastore with this
 * batch's operations applied (go's {@code BatchReader}). {@link #discard()} drops the batch (go's
 * {@code DiscardableBatch}). Not atomic: a failing commit may leave some operations applied. Safe for
 * concurrent use (concurrent puts of one key: the one recorded last wins). After {@code commit()} or
 * {@code discard()} every operation but {@code discard()} throws {@link ClosedException}.
 */
public final class FlatfsBatch implements Batch {

    private final FlatfsDatastore ds;
    private final Path dir;
    /** Each key's last operation: {@code true} put (its file is in {@link #dir}), {@code false} delete. */
    private final Map<Key, Boolean> ops = new LinkedHashMap<>();
    private final AtomicLong names = new AtomicLong();
    private boolean dirCreated;
    private boolean done;

    FlatfsBatch(FlatfsDatastore ds) {
        this.ds = ds;
        this.dir = ds.tempFile("batch-");
    }

    @Override
    public void put(Key key, byte[] value) {
        InvalidArgumentException.requireValue(InvalidArgumentException.requireKey(key), value);
        synchronized (this) {
            checkUsable("put " + key);
            FlatfsKeys.requireValid(key);
            createDir();
        }
        Path tmp = dir.resolve("put-" + names.incrementAndGet());
        try {
            PathIo.writeNew(tmp, value, ds.syncWrites());
            synchronized (this) {
                checkUsable("put " + key);
                PathIo.replace(tmp, dir.resolve(FlatfsKeys.fileName(key)));
                ops.put(key, true);
            }
        } catch (IOException e) {
            FlatfsIoException failure = FlatfsIoException.of("put key " + key + " in batch at", tmp, e);
            PathIo.deleteQuietly(tmp, failure);
            throw failure;
        } catch (RuntimeException e) {
            PathIo.deleteQuietly(tmp, e);
            throw e;
        }
    }

    @Override
    public synchronized void delete(Key key) {
        InvalidArgumentException.requireKey(key);
        checkUsable("delete " + key);
        if (!FlatfsKeys.isValid(key)) {
            return;
        }
        Path file = dir.resolve(FlatfsKeys.fileName(key));
        try {
            if (Boolean.TRUE.equals(ops.put(key, false))) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw FlatfsIoException.of("delete key " + key + " in batch at", file, e);
        }
    }

    /** Applies the operations to the datastore and removes the batch's directory; the batch cannot be used afterwards. */
    @Override
    public synchronized void commit() {
        checkUsable("commit");
        done = true;
        try {
            ds.commit(ops, dir, this);
        } catch (RuntimeException e) {
            try {
                removeDir();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        removeDir();
    }

    /** Drops the operations and the batch's directory (go's {@code Discard}); the batch cannot be used afterwards. Idempotent. */
    public synchronized void discard() {
        if (!done) {
            done = true;
            removeDir();
        }
    }

    /** The value at {@code key} with this batch applied. @throws NotFoundException when there is none */
    public synchronized byte[] get(Key key) {
        InvalidArgumentException.requireKey(key);
        checkUsable("get " + key);
        Boolean op = ops.get(key);
        if (op == null) {
            return ds.get(key);
        }
        if (!op) {
            throw new NotFoundException(key);
        }
        Path file = dir.resolve(FlatfsKeys.fileName(key));
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw FlatfsIoException.of("get key " + key + " in batch from", file, e);
        }
    }

    /** Whether a value is at {@code key} with this batch applied. */
    public synchronized boolean has(Key key) {
        InvalidArgumentException.requireKey(key);
        checkUsable("has " + key);
        Boolean op = ops.get(key);
        return op == null ? ds.has(key) : op;
    }

    /** The size of the value at {@code key} with this batch applied. @throws NotFoundException when there is none */
    public synchronized int getSize(Key key) {
        InvalidArgumentException.requireKey(key);
        checkUsable("getSize " + key);
        Boolean op = ops.get(key);
        if (op == null) {
            return ds.getSize(key);
        }
        if (!op) {
            throw new NotFoundException(key);
        }
        Path file = dir.resolve(FlatfsKeys.fileName(key));
        try {
            return (int) Files.readAttributes(file, BasicFileAttributes.class).size();
        } catch (IOException e) {
            throw FlatfsIoException.of("getSize of key " + key + " in batch at", file, e);
        }
    }

    /**
     * {@code query} over the datastore with this batch applied (go's {@code flatfsBatch.Query}): this
     * batch's puts first, then the datastore's entries that the batch neither puts nor deletes; then
     * {@link NaiveQuery}. The batch's state is taken when this method is called.
     */
    public Results query(Query query) {
        InvalidArgumentException.requireNonNull(query, "query");
        List<Key> puts = new ArrayList<>();
        Map<Key, Boolean> snapshot;
        synchronized (this) {
            checkUsable("query");
            ds.checkOpen("query");
            snapshot = new LinkedHashMap<>(ops);
        }
        if (!Key.of(query.prefix()).equals(Key.ROOT)) {
            return Results.of(query, List.of());
        }
        snapshot.forEach((k, put) -> {
            if (put) {
                puts.add(k);
            }
        });
        Iterator<Key> own = puts.iterator();
        Results main = ds.walk(query);
        Results merged = Results.from(query, () -> {
            while (own.hasNext()) {
                Optional<Result> r = ownEntry(own.next(), query);
                if (r.isPresent()) {
                    return r;
                }
            }
            while (true) {
                Optional<Result> r = main.nextResult();
                if (r.isEmpty() || r.get().isError() || !snapshot.containsKey(Key.raw(r.get().entry().key()))) {
                    return r;
                }
            }
        }, main::close);
        return NaiveQuery.apply(query, merged);
    }

    /** The entry of a key this batch puts, read from its file; empty when the file is gone (committed or discarded since). */
    private Optional<Result> ownEntry(Key key, Query query) {
        Path file = dir.resolve(FlatfsKeys.fileName(key));
        try {
            if (!query.keysOnly()) {
                return Optional.of(Result.of(Entry.of(key.toString(), Files.readAllBytes(file))));
            }
            int size = query.returnsSizes() ? (int) Files.readAttributes(file, BasicFileAttributes.class).size() : -1;
            return Optional.of(Result.of(Entry.keyOnly(key.toString(), size)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(Result.error(FlatfsIoException.of("read key " + key + " in batch from", file, e)));
        }
    }

    private void createDir() {
        if (!dirCreated) {
            try {
                Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                // created by an earlier call that failed after it
            } catch (IOException e) {
                throw FlatfsIoException.of("create batch directory", dir, e);
            }
            dirCreated = true;
        }
    }

    private void removeDir() {
        if (dirCreated) {
            try {
                PathIo.deleteRecursively(dir);
            } catch (IOException e) {
                throw FlatfsIoException.of("remove batch directory", dir, e);
            }
        }
    }

    private void checkUsable(String operation) {
        if (done) {
            throw new ClosedException(operation + " on a batch of " + ds + " that was already committed or discarded");
        }
        ds.checkOpen(operation + " in a batch");
    }

    @Override
    public String toString() {
        return "FlatfsBatch[" + dir + "]";
    }
}
