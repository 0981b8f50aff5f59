package io.github.blobds.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.ClosedException;
import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.InvalidArgumentException;
import io.github.blobds.datastore.InvalidKeyException;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.query.Query;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.quicktheories.core.Gen;

/**
 * go-datastore's conformance suite ({@code dstest.SubtestAll}, v0.9.2) as a JUnit 5 class, plus
 * model-based properties and lifecycle checks. Subclass it with a factory:
 *
 * <pre>{@code
 * class MyDatastoreTest extends DatastoreSuite {
 *     @Override
 *     protected Datastore createDatastore() {
 *         return new MyDatastore(...);
 *     }
 * }
 * }</pre>
 *
 * One datastore serves the whole class and is cleared after every test (go's {@code clearDs}); the
 * lifecycle tests and the model-based check make their own. Batch tests run when the datastore is {@link Batching} and are
 * skipped, saying so, when it is not. Random data comes from one seed, printed on failure and set with
 * {@code -Dblobds.seed=…}; the element count (go's {@code ElemCount}, default 100) with
 * {@link #elemCount()} or {@code -Dblobds.conformance.elemCount=…}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DatastoreSuite {

    private final long seed = Long.getLong("blobds.seed", System.nanoTime());
    private Datastore ds;

    /**
     * A new, empty datastore. Called once for the shared instance, once per lifecycle test and once per
     * sequence of the model-based check (each closed after use).
     */
    protected abstract Datastore createDatastore() throws Exception;

    /** go's {@code ElemCount}: keys per namespace in the query subtests (at least 20). */
    protected int elemCount() {
        return Integer.getInteger("blobds.conformance.elemCount", 100);
    }

    /** Sequences run by the model-based check. */
    protected int modelExamples() {
        return Integer.getInteger("blobds.conformance.modelExamples", 100);
    }

    /** The keys of the model-based check; override for datastores that accept only some keys. */
    protected Gen<Key> modelKeys() {
        return null;
    }

    /** The shared datastore under test. */
    protected final Datastore datastore() {
        return ds;
    }

    @BeforeAll
    final void openDatastore() throws Exception {
        assertTrue(elemCount() >= 20, "elemCount must be at least 20, as go's TestElemCount requires");
        ds = createDatastore();
    }

    @AfterEach
    final void clearDatastore() {
        DatastoreSubtests.clear(ds);
    }

    @AfterAll
    final void closeDatastore() {
        if (ds != null) {
            ds.close();
        }
    }

    private void run(Consumer<Random> subtest) {
        try {
            subtest.accept(new Random(seed));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " [seed " + seed + ", replay with -Dblobds.seed=" + seed + "]", e);
        }
    }

    private Batching batching() {
        assumeTrue(ds instanceof Batching, () -> ds + " is not Batching: go's batch subtests do not apply");
        return (Batching) ds;
    }

    @Test
    @DisplayName("SubtestBasicPutGet: put, has, getSize, get and delete agree")
    void basicPutGet() {
        run(r -> DatastoreSubtests.basicPutGet(ds));
    }

    @Test
    @DisplayName("SubtestNotFounds: a missing key is not found, absent, and deletable")
    void notFounds() {
        run(r -> DatastoreSubtests.notFounds(ds));
    }

    @Test
    @DisplayName("SubtestPrefix: a query prefix selects strict descendants")
    void prefix() {
        run(r -> DatastoreSubtests.prefix(ds, elemCount(), r));
    }

    @Test
    @DisplayName("SubtestOrder: orders by key, key descending, value and function")
    void order() {
        run(r -> DatastoreSubtests.order(ds, elemCount(), r));
    }

    @Test
    @DisplayName("SubtestLimit: offsets and limits slice the ordered keys")
    void limit() {
        run(r -> DatastoreSubtests.limit(ds, elemCount(), r));
    }

    @Test
    @DisplayName("SubtestFilter: key, prefix, value and unknown filters")
    void filter() {
        run(r -> DatastoreSubtests.filter(ds, r));
    }

    @Test
    @DisplayName("SubtestManyKeysAndQuery: a keys-only query returns every key")
    void manyKeysAndQuery() {
        run(r -> DatastoreSubtests.manyKeysAndQuery(ds, elemCount(), r));
    }

    @Test
    @DisplayName("SubtestReturnSizes: sizes come back when asked for")
    void returnSizes() {
        run(r -> DatastoreSubtests.returnSizes(ds, r));
    }

    @Test
    @DisplayName("SubtestBasicSync: sync of present and absent prefixes succeeds")
    void basicSync() {
        run(r -> DatastoreSubtests.basicSync(ds));
    }

    @TestFactory
    @DisplayName("SubtestCombinations: 1151 combinations of offset, limit, filter, order, prefix and count")
    Stream<DynamicTest> combinations() {
        return DatastoreSubtests.combinations(elemCount()).stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            try {
                run(r -> DatastoreSubtests.query(ds, c.query(), c.count(), r));
            } finally {
                DatastoreSubtests.clear(ds);
            }
        }));
    }

    @Test
    @DisplayName("RunBatchTest: batched puts are invisible until commit")
    void batchPut() {
        Batching b = batching();
        run(r -> DatastoreSubtests.batchPut(b, r));
    }

    @Test
    @DisplayName("RunBatchDeleteTest: batched deletes land on commit")
    void batchDelete() {
        Batching b = batching();
        run(r -> DatastoreSubtests.batchDelete(b, r));
    }

    @Test
    @DisplayName("RunBatchPutAndDeleteTest: the last operation on a key in a batch wins")
    void batchPutAndDelete() {
        Batching b = batching();
        run(r -> DatastoreSubtests.batchPutAndDelete(b));
    }

    @Test
    @DisplayName("Model: random operation sequences agree with a map and the naive query engine")
    void modelCheck() {
        ModelCheck check = ModelCheck.of(() -> {
            try {
                return createDatastore();
            } catch (Exception e) {
                throw new IllegalStateException("createDatastore() failed", e);
            }
        }).seed(seed).examples(modelExamples());
        Gen<Key> keys = modelKeys();
        if (keys != null) {
            check.keys(keys);
        }
        check.run();
    }

    @Test
    @DisplayName("Bad input: null keys and values, and invalid raw keys, raise typed errors naming them")
    void badInput() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> ds.get(null), "get(null)");
        assertTrue(e.getMessage().contains("key"), () -> "message names the key: " + e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> ds.has(null), "has(null)");
        assertThrows(InvalidArgumentException.class, () -> ds.getSize(null), "getSize(null)");
        assertThrows(InvalidArgumentException.class, () -> ds.delete(null), "delete(null)");
        assertThrows(InvalidArgumentException.class, () -> ds.query(null), "query(null)");
        Key k = Key.of("/nullvalue");
        InvalidArgumentException v = assertThrows(InvalidArgumentException.class, () -> ds.put(k, null), "put(k, null)");
        assertTrue(v.getMessage().contains(k.toString()), () -> "message names the key: " + v.getMessage());
        InvalidKeyException raw = assertThrows(InvalidKeyException.class, () -> Key.raw("no/leading/slash"));
        assertTrue(raw.getMessage().contains("no/leading/slash"), () -> "message names the input: " + raw.getMessage());
    }

    @Test
    @DisplayName("Lifecycle: close is idempotent and any later call raises ClosedException")
    void useAfterClose() throws Exception {
        Datastore other = createDatastore();
        Key k = Key.of("/closed");
        other.put(k, new byte[] {1});
        other.close();
        other.close();
        assertThrows(ClosedException.class, () -> other.put(k, new byte[] {2}), "put after close");
        assertThrows(ClosedException.class, () -> other.delete(k), "delete after close");
        ClosedException e = assertThrows(ClosedException.class, () -> other.get(k), "get after close");
        assertTrue(e.getMessage().contains("get"), () -> "message names the operation: " + e.getMessage());
        assertThrows(ClosedException.class, () -> other.has(k), "has after close");
        assertThrows(ClosedException.class, () -> other.query(Query.all()), "query after close");
        assertEquals(ClosedException.class, assertThrows(ClosedException.class, () -> other.sync(k)).getClass(), "sync after close");
    }
}
