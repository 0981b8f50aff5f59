package io.github.blobds.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.ForwardingDatastore;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.MapDatastore;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kit checks itself: broken datastores must fail, with a short sequence and the seed. */
class ModelCheckTest {

    /** Forgets deletes of keys whose last segment is {@code b}. */
    static final class ForgetfulDatastore extends ForwardingDatastore {
        ForgetfulDatastore() {
            super(new MapDatastore());
        }

        @Override
        public void delete(Key key) {
            if (!key.baseNamespace().equals("b")) {
                super.delete(key);
            }
        }

        @Override
        public String toString() {
            return "ForgetfulDatastore";
        }
    }

    /** Ignores a query's offset when it has a limit too. */
    static final class SloppyPagingDatastore extends ForwardingDatastore {
        SloppyPagingDatastore() {
            super(new MapDatastore());
        }

        @Override
        public Results query(Query query) {
            if (query.limit() > 0 && query.offset() > 0) {
                return Results.withQuery(super.query(query.toBuilder().offset(0).build()), query);
            }
            return super.query(query);
        }
    }

    @Test
    void aLostDeleteIsFoundAndMinimised() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> ModelCheck.of(ForgetfulDatastore::new).seed(42).examples(200).batches(false).run());
        String message = String.valueOf(e.getMessage()) + " " + e.getCause();
        assertTrue(message.contains("seed 42"), message);
        assertTrue(message.contains("-Dblobds.seed=42"), message);
        assertTrue(message.matches("(?s).*minimal sequence of [23] operation\\(s\\).*"), message);
    }

    @Test
    void ignoredOffsetsAreFound() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> ModelCheck.of(SloppyPagingDatastore::new).seed(7).examples(300).run());
        assertTrue(String.valueOf(e.getMessage()).contains("-Dblobds.seed=7") || String.valueOf(e.getCause()).contains("-Dblobds.seed=7"));
    }

    @Test
    void minimiserKeepsOnlyWhatFails() {
        ModelCheck check = ModelCheck.of(ForgetfulDatastore::new);
        List<Operation> ops = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ops.add(new Operation.Put(Key.of("/x" + i), new byte[] {(byte) i}));
        }
        ops.add(new Operation.Put(Key.of("/a/b"), new byte[] {1}));
        ops.add(new Operation.Get(Key.of("/x1")));
        ops.add(new Operation.Delete(Key.of("/a/b")));
        ops.add(new Operation.Delete(Key.of("/x2")));
        ops.add(new Operation.Has(Key.of("/a/b")));
        assertTrue(check.replay(ops).isPresent());
        List<Operation> minimal = check.minimise(ops);
        assertEquals(List.of(ops.get(10), ops.get(12), ops.get(14)), minimal);
    }

    @Test
    void aSharedDatastoreThatCannotBeClearedIsReported() {
        Datastore ds = new ForgetfulDatastore();
        ds.put(Key.of("/a/b"), new byte[] {1});
        AssertionError e = assertThrows(AssertionError.class, () -> ModelCheck.of(ds).seed(3).examples(1).run());
        assertTrue(String.valueOf(e.getMessage()).contains("cannot clear"), e::getMessage);
    }

    @Test
    void aCorrectDatastorePasses() {
        ModelCheck check = ModelCheck.of(new MapDatastore()).seed(123).examples(50).maxOperations(20);
        assertEquals(123, check.seed());
        check.run();
        ModelCheck.of(MapDatastore::new).seed(124).examples(50).run();
    }
}
