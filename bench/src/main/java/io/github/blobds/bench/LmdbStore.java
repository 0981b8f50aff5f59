package io.github.blobds.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.KeyRange;
import org.lmdbjava.Txn;

/**
 * LMDB (lmdbjava) with its default, durable commits: a write transaction's commit writes the pages,
 * syncs, writes the meta page and syncs again. Keys decode to strings and values copy into arrays, as a
 * datastore over it would. lmdbjava reaches into {@code java.nio} and needs, on JDK 17 and later,
 * {@code --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED}.
 */
final class LmdbStore implements Store {

    private static final int MAX_KEY = 511;

    private final Env<ByteBuffer> env;
    private final Dbi<ByteBuffer> db;
    private final ByteBuffer key = ByteBuffer.allocateDirect(MAX_KEY);
    private ByteBuffer value = ByteBuffer.allocateDirect(0);
    private byte[] valueOf;

    private LmdbStore(Env<ByteBuffer> env, Dbi<ByteBuffer> db) {
        this.env = env;
        this.db = db;
    }

    /** Why LMDB cannot run in this JVM, or null when it can. */
    static String unavailableReason() {
        Module bench = LmdbStore.class.getModule();
        Module base = Object.class.getModule();
        if (!base.isOpen("java.nio", bench) || !base.isOpen("sun.nio.ch", bench)) {
            return "lmdbjava needs the JVM options --add-opens java.base/java.nio=ALL-UNNAMED"
                    + " --add-opens java.base/sun.nio.ch=ALL-UNNAMED (the bench pom's bench.jvm passes them)";
        }
        try {
            Path dir = java.nio.file.Files.createTempDirectory("blobds-lmdb-check");
            try (LmdbStore probe = open(dir, 1 << 20)) {
                probe.put("/probe", new byte[1]);
            } finally {
                SideBySide.deleteRecursively(dir);
            }
            return null;
        } catch (java.io.IOException | RuntimeException | LinkageError e) {
            return "lmdbjava cannot load LMDB (" + e + "); its runtime dependencies (jffi's native jar) must be on the class path";
        }
    }

    static LmdbStore open(Path dir, long mapSize) {
        Env<ByteBuffer> env = Env.create().setMapSize(mapSize).setMaxDbs(1).open(dir.toFile());
        return new LmdbStore(env, env.openDbi("bench", DbiFlags.MDB_CREATE));
    }

    private ByteBuffer key(String k) {
        key.clear().put(k.getBytes(StandardCharsets.UTF_8)).flip();
        return key;
    }

    private ByteBuffer value(byte[] v) {
        if (v != valueOf) {
            value = ByteBuffer.allocateDirect(v.length).put(v).flip();
            valueOf = v;
        }
        return value.rewind();
    }

    @Override
    public void put(String k, byte[] v) {
        try (Txn<ByteBuffer> txn = env.txnWrite()) {
            db.put(txn, key(k), value(v));
            txn.commit();
        }
    }

    @Override
    public void putBatch(List<String> keys, byte[] v) {
        try (Txn<ByteBuffer> txn = env.txnWrite()) {
            for (String k : keys) {
                db.put(txn, key(k), value(v));
            }
            txn.commit();
        }
    }

    @Override
    public int get(String k) {
        try (Txn<ByteBuffer> txn = env.txnRead()) {
            ByteBuffer found = db.get(txn, key(k));
            if (found == null) {
                throw new IllegalStateException("LMDB lost key " + k);
            }
            byte[] out = new byte[found.remaining()];
            found.get(out);
            return out.length;
        }
    }

    @Override
    public Scan prefixQuery(String prefix) {
        ByteBuffer start = key(prefix + "/");
        int n = start.remaining();
        long entries = 0;
        long bytes = 0;
        try (Txn<ByteBuffer> txn = env.txnRead();
             CursorIterable<ByteBuffer> it = db.iterate(txn, KeyRange.atLeast(start))) {
            for (CursorIterable.KeyVal<ByteBuffer> kv : it) {
                ByteBuffer k = kv.key();
                if (k.remaining() < n || k.slice(0, n).compareTo(start.slice(0, n)) != 0) {
                    break;
                }
                byte[] kb = new byte[k.remaining()];
                k.get(kb);
                String s = new String(kb, StandardCharsets.UTF_8);
                byte[] vb = new byte[kv.val().remaining()];
                kv.val().get(vb);
                entries += s.isEmpty() ? 0 : 1;
                bytes += vb.length;
            }
        }
        return new Scan(entries, bytes);
    }

    @Override
    public Scan keysOnlyAll() {
        long entries = 0;
        try (Txn<ByteBuffer> txn = env.txnRead(); CursorIterable<ByteBuffer> it = db.iterate(txn)) {
            for (CursorIterable.KeyVal<ByteBuffer> kv : it) {
                byte[] kb = new byte[kv.key().remaining()];
                kv.key().get(kb);
                entries += new String(kb, StandardCharsets.UTF_8).isEmpty() ? 0 : 1;
            }
        }
        return new Scan(entries, 0);
    }

    @Override
    public long flushes() {
        return -1;
    }

    /** Two syncs per commit: the data pages, then the meta page. */
    @Override
    public double designFsyncs(Phase phase, int batch) {
        return phase == Phase.PUT_ONE ? 2 : 2.0 / batch;
    }

    @Override
    public void close() {
        db.close();
        env.close();
    }
}
