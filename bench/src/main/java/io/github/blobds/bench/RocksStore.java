package io.github.blobds.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * RocksDB (rocksdbjni) with every write synced ({@code WriteOptions.setSync(true)}: the WAL is fsynced
 * before a put or batch returns), no compression (values are random), otherwise RocksDB's defaults.
 * Keys decode to strings and values copy into arrays, as a datastore over it would.
 */
final class RocksStore implements Store {

    private final Options options;
    private final WriteOptions writeOptions;
    private final RocksDB db;

    private RocksStore(Options options, WriteOptions writeOptions, RocksDB db) {
        this.options = options;
        this.writeOptions = writeOptions;
        this.db = db;
    }

    /** Loads the native library; throws with the reason when it cannot. */
    static void checkAvailable() {
        RocksDB.loadLibrary();
    }

    static RocksStore open(Path dir) {
        RocksDB.loadLibrary();
        Options options = new Options().setCreateIfMissing(true).setCompressionType(CompressionType.NO_COMPRESSION);
        WriteOptions writeOptions = new WriteOptions().setSync(true);
        try {
            return new RocksStore(options, writeOptions, RocksDB.open(options, dir.toString()));
        } catch (RocksDBException e) {
            options.close();
            writeOptions.close();
            throw new IllegalStateException("cannot open RocksDB at " + dir + ": " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void put(String key, byte[] value) {
        try {
            db.put(writeOptions, bytes(key), value);
        } catch (RocksDBException e) {
            throw new IllegalStateException("RocksDB put " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void putBatch(List<String> keys, byte[] value) {
        try (WriteBatch batch = new WriteBatch()) {
            for (String key : keys) {
                batch.put(bytes(key), value);
            }
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new IllegalStateException("RocksDB batch of " + keys.size() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int get(String key) {
        try {
            byte[] v = db.get(bytes(key));
            if (v == null) {
                throw new IllegalStateException("RocksDB lost key " + key);
            }
            return v.length;
        } catch (RocksDBException e) {
            throw new IllegalStateException("RocksDB get " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Scan prefixQuery(String prefix) {
        byte[] start = bytes(prefix + "/");
        long entries = 0;
        long total = 0;
        try (RocksIterator it = db.newIterator()) {
            for (it.seek(start); it.isValid(); it.next()) {
                byte[] k = it.key();
                if (k.length < start.length || !Arrays.equals(k, 0, start.length, start, 0, start.length)) {
                    break;
                }
                String key = new String(k, StandardCharsets.UTF_8);
                entries += key.isEmpty() ? 0 : 1;
                total += it.value().length;
            }
        }
        return new Scan(entries, total);
    }

    @Override
    public Scan keysOnlyAll() {
        long entries = 0;
        try (RocksIterator it = db.newIterator()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                String key = new String(it.key(), StandardCharsets.UTF_8);
                entries += key.isEmpty() ? 0 : 1;
            }
        }
        return new Scan(entries, 0);
    }

    @Override
    public long flushes() {
        return -1;
    }

    /** One fsync of the WAL per synced write (put or batch). */
    @Override
    public double designFsyncs(Phase phase, int batch) {
        return phase == Phase.PUT_ONE ? 1 : 1.0 / batch;
    }

    @Override
    public void close() {
        db.close();
        writeOptions.close();
        options.close();
    }
}
