package io.github.blobds.levelds;

import io.github.blobds.datastore.query.Entry;
import io.github.blobds.datastore.query.Result;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.iq80.leveldb.iterator.DBIteratorAdapter;
import org.iq80.leveldb.util.Slice;

/**
 * One query's walk over LevelDB's iterator: the keys starting with {@code prefix} (all keys when it is
 * {@code null}), in byte-wise order or backwards. The iterator reads the snapshot taken when it was
 * created. {@link #next} and {@link #close} may come from different threads.
 */
final class LeveldbCursor {

    private final LeveldbDatastore owner;
    private final DBIteratorAdapter iterator;
    private final byte[] prefix;
    private final boolean descending;
    private final boolean keysOnly;
    private boolean started;
    private boolean closed;

    LeveldbCursor(LeveldbDatastore owner, DBIteratorAdapter iterator, byte[] prefix, boolean descending, boolean keysOnly) {
        this.owner = owner;
        this.iterator = iterator;
        this.prefix = prefix;
        this.descending = descending;
        this.keysOnly = keysOnly;
    }

    /** The next entry in range, or empty at its end (or once closed). */
    synchronized Optional<Result> next() {
        if (closed) {
            return Optional.empty();
        }
        if (!started) {
            started = true;
            position();
        }
        DBIteratorAdapter.DbEntry e;
        if (descending) {
            if (!iterator.hasPrev()) {
                return Optional.empty();
            }
            e = iterator.prev();
        } else {
            if (!iterator.hasNext()) {
                return Optional.empty();
            }
            e = iterator.next();
        }
        Slice key = e.getKeySlice();
        if (!inRange(key)) {
            return Optional.empty();
        }
        String k = new String(key.getBytes(), StandardCharsets.UTF_8);
        Slice value = e.getValueSlice();
        Entry entry = keysOnly ? Entry.keyOnly(k, value.length()) : Entry.of(k, value.getBytes());
        return Optional.of(Result.of(entry));
    }

    /** Moves to the first key of the walk: the range's first, or its last when walking backwards. */
    private void position() {
        if (prefix == null) {
            if (descending) {
                iterator.seekToLast();
            } else {
                iterator.seekToFirst();
            }
        } else if (descending) {
            // The first key past the range; stepping back from it (or from the end when there is none,
            // which the iterator does by itself) reaches the range's last key.
            iterator.seek(upperBound(prefix));
        } else {
            iterator.seek(prefix);
        }
    }

    /** The smallest key greater than every key starting with {@code prefix}, which ends with {@code /}. */
    static byte[] upperBound(byte[] prefix) {
        byte[] upper = prefix.clone();
        upper[upper.length - 1]++;
        return upper;
    }

    private boolean inRange(Slice key) {
        if (prefix == null) {
            return true;
        }
        if (key.length() < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (key.getByte(i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Releases the iterator; idempotent. */
    synchronized void close() {
        if (!closed) {
            closed = true;
            owner.forget(this);
            iterator.close();
        }
    }
}
