package io.github.blobds.conformance;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.query.Filter;
import io.github.blobds.datastore.query.FilterKeyCompare;
import io.github.blobds.datastore.query.FilterKeyPrefix;
import io.github.blobds.datastore.query.FilterValueCompare;
import io.github.blobds.datastore.query.Op;
import io.github.blobds.datastore.query.Order;
import io.github.blobds.datastore.query.OrderByFunction;
import io.github.blobds.datastore.query.OrderByKey;
import io.github.blobds.datastore.query.OrderByKeyDescending;
import io.github.blobds.datastore.query.OrderByValue;
import io.github.blobds.datastore.query.OrderByValueDescending;
import io.github.blobds.datastore.query.Query;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Model-based checking of a datastore: QuickTheories generates sequences of {@link Operation}s (put,
 * get, has, getSize, delete, sync, batch, query with random prefixes, filters, orders, offset, limit,
 * keys-only and sizes), each runs against the datastore and a plain {@code HashMap} model with
 * {@link io.github.blobds.datastore.query.NaiveQuery} as the query oracle, and a failing sequence is
 * minimised (delta debugging: chunks of steps removed while it still fails) and reported with the seed
 * that replays it ({@code -Dblobds.seed=…}).
 *
 * <p>Each sequence, and each replay while minimising, runs on a fresh datastore from the factory given
 * to {@link #of(Supplier)}; with {@link #of(Datastore)} one instance is cleared (and checked empty)
 * before each sequence instead, which relies on its query and delete working.
 */
public final class ModelCheck {

    /** Path segments of the default key space: some sort below {@code '/'}, so key and string order differ. */
    public static final List<String> SEGMENTS = List.of("a", "b", "c", "a-b", "a b", "0", "A");

    private final Supplier<Datastore> factory;
    private final Datastore shared;
    private Gen<Key> keys = lists().of(Generate.pick(SEGMENTS)).ofSizeBetween(1, 3).map(Key::ofNamespaces);
    private int examples = 100;
    private int maxOperations = 40;
    private long seed = Long.getLong("blobds.seed", System.nanoTime());
    private boolean batches;

    private ModelCheck(Supplier<Datastore> factory, Datastore shared) {
        this.factory = factory;
        this.shared = shared;
        this.batches = shared instanceof Batching;
    }

    /** A check of the datastore {@code ds}, cleared before each sequence; batches when it is {@link Batching}. */
    public static ModelCheck of(Datastore ds) {
        return new ModelCheck(null, ds);
    }

    /**
     * A check running each sequence on a fresh datastore from {@code factory} (closed afterwards);
     * batches are generated when the datastores are {@link Batching}.
     */
    public static ModelCheck of(Supplier<Datastore> factory) {
        Datastore probe = factory.get();
        ModelCheck check = new ModelCheck(factory, null);
        check.batches = probe instanceof Batching;
        probe.close();
        return check;
    }

    /** The keys operations use (default: one to three segments of {@link #SEGMENTS}). */
    public ModelCheck keys(Gen<Key> keys) {
        this.keys = keys;
        return this;
    }

    /** How many sequences to run (default 100). */
    public ModelCheck examples(int examples) {
        this.examples = examples;
        return this;
    }

    /** The longest sequence (default 40). */
    public ModelCheck maxOperations(int maxOperations) {
        this.maxOperations = maxOperations;
        return this;
    }

    /** The seed (default: {@code -Dblobds.seed}, else the clock). */
    public ModelCheck seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Whether to generate batches (default: when the datastore is {@link Batching}). */
    public ModelCheck batches(boolean batches) {
        this.batches = batches;
        return this;
    }

    /** The seed in use. */
    public long seed() {
        return seed;
    }

    /** Runs the check; throws an {@link AssertionError} with the minimal failing sequence and the seed. */
    public void run() {
        Gen<List<Operation>> sequences = lists().of(operations()).ofSizeBetween(1, maxOperations);
        qt().withFixedSeed(seed).withExamples(examples).withShrinkCycles(0).forAll(sequences).checkAssert(ops -> {
            Optional<AssertionError> failure = replay(ops);
            if (failure.isPresent()) {
                List<Operation> minimal = minimise(ops);
                AssertionError cause = replay(minimal).orElse(failure.get());
                throw new AssertionError(report(minimal, cause), cause);
            }
        });
    }

    private String report(List<Operation> minimal, AssertionError cause) {
        StringBuilder sb = new StringBuilder("model check of ").append(shared != null ? shared : "fresh datastores").append(" failed with seed ").append(seed)
                .append(" (replay with -Dblobds.seed=").append(seed).append("); minimal sequence of ")
                .append(minimal.size()).append(" operation(s):\n");
        for (int i = 0; i < minimal.size(); i++) {
            sb.append("  ").append(i + 1).append(". ").append(minimal.get(i)).append('\n');
        }
        return sb.append("failure: ").append(cause.getMessage()).toString();
    }

    /** Runs {@code ops} on a fresh or cleared datastore; the first disagreement, if any. */
    Optional<AssertionError> replay(List<Operation> ops) {
        Datastore ds;
        if (factory != null) {
            ds = factory.get();
        } else {
            ds = shared;
            DatastoreSubtests.clear(ds);
            List<String> left = ds.query(Query.builder().keysOnly(true).build()).stream().map(e -> e.key()).toList();
            if (!left.isEmpty()) {
                throw new AssertionError("model check of " + ds + ": cannot clear the datastore before a sequence (seed "
                        + seed + "), keys left after deleting every key: " + left);
            }
        }
        try {
            Map<Key, byte[]> model = new HashMap<>();
            for (int i = 0; i < ops.size(); i++) {
                try {
                    ops.get(i).apply(ds, model);
                } catch (AssertionError | RuntimeException e) {
                    return Optional.of(new AssertionError("step " + (i + 1) + " (" + ops.get(i) + "): " + e, e));
                }
            }
            return Optional.empty();
        } finally {
            if (factory != null) {
                ds.close();
            } else {
                DatastoreSubtests.clear(ds);
            }
        }
    }

    /** Delta debugging: removes chunks of steps, finer and finer, while the sequence still fails. */
    List<Operation> minimise(List<Operation> failing) {
        List<Operation> current = failing;
        int parts = 2;
        while (current.size() >= 2) {
            int chunk = (current.size() + parts - 1) / parts;
            boolean reduced = false;
            for (int start = 0; start < current.size(); start += chunk) {
                List<Operation> candidate = new ArrayList<>(current.subList(0, start));
                candidate.addAll(current.subList(Math.min(current.size(), start + chunk), current.size()));
                if (replay(candidate).isPresent()) {
                    current = candidate;
                    parts = Math.max(parts - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                if (parts >= current.size()) {
                    break;
                }
                parts = Math.min(current.size(), parts * 2);
            }
        }
        return current;
    }

    private Gen<byte[]> values() {
        return Generate.byteArrays(Generate.range(0, 6), Generate.bytes((byte) 0, (byte) 3, (byte) 0));
    }

    private Gen<Operation> operations() {
        Gen<Key> k = keys;
        List<Pair<Integer, Gen<Operation>>> ops = new ArrayList<>();
        ops.add(Pair.of(6, k.zip(values(), Operation.Put::new)));
        ops.add(Pair.of(2, k.map(Operation.Get::new)));
        ops.add(Pair.of(1, k.map(Operation.Has::new)));
        ops.add(Pair.of(1, k.map(Operation.GetSize::new)));
        ops.add(Pair.of(3, k.map(Operation.Delete::new)));
        ops.add(Pair.of(1, k.map(Operation.Sync::new)));
        ops.add(Pair.of(3, queries().map(Operation.QueryOp::new)));
        if (batches) {
            Gen<Map.Entry<Key, Optional<byte[]>>> batchOp = k.zip(values().toOptionals(30), AbstractMap.SimpleImmutableEntry::new);
            ops.add(Pair.of(2, lists().of(batchOp).ofSizeBetween(0, 6).map(Operation.BatchOps::new)));
        }
        return Generate.frequency(ops);
    }

    private Gen<Query> queries() {
        Gen<String> prefixes = Generate.pick(List.of("", "/", "/a", "/a/", "a", "/b", "/a b", "/x", "/a/../b"))
                .mix(keys.map(Key::toString), 30);
        Gen<Filter> filter = Generate.oneOf(
                Generate.enumValues(Op.class).zip(keys.map(Key::toString), FilterKeyCompare::new),
                Generate.pick(List.of("/", "/a", "/a/", "/a-", "/b/c", "")).map(FilterKeyPrefix::new),
                Generate.enumValues(Op.class).zip(values(), FilterValueCompare::new));
        Gen<Order> order = Generate.pick(List.of(new OrderByKey(), new OrderByKeyDescending(), new OrderByValue(),
                new OrderByValueDescending(), new OrderByFunction(DatastoreSubtests.VALUE_BYTES.reversed())));
        Gen<List<Filter>> filters = lists().of(filter).ofSizeBetween(0, 2);
        Gen<List<Order>> orders = lists().of(order).ofSizeBetween(0, 2);
        Gen<int[]> paging = Generate.range(0, 4).zip(Generate.range(0, 4), Generate.range(0, 3),
                (offset, limit, flags) -> new int[] {offset, limit, flags});
        return prefixes.zip(filters, orders, paging, (p, f, o, x) -> {
            boolean keysOnly = (x[2] & 1) != 0;
            if (keysOnly) {
                // Without values, value filters and orders see empty values: their results differ by design.
                f = f.stream().filter(filterOnKey -> !(filterOnKey instanceof FilterValueCompare)).toList();
                o = o.stream().filter(orderOnKey -> orderOnKey instanceof OrderByKey || orderOnKey instanceof OrderByKeyDescending).toList();
            }
            return Query.builder().prefix(p).filters(f).orders(o)
                    .offset(x[0]).limit(x[1]).keysOnly(keysOnly).returnsSizes((x[2] & 2) != 0).build();
        });
    }
}
