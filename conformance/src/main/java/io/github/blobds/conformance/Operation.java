package io.github.blobds.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.Batch;
import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.NotFoundException;
import io.github.blobds.datastore.query.Entry;
import io.github.blobds.datastore.query.NaiveQuery;
import io.github.blobds.datastore.query.Order;
import io.github.blobds.datastore.query.OrderByKey;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One step of a model-based check: applied to the datastore under test and to a plain model
 * ({@code Map<Key, byte[]>}), asserting after the step that both agree.
 */
public sealed interface Operation {

    /** Applies the step to {@code ds} and {@code model}; throws {@link AssertionError} when they disagree. */
    void apply(Datastore ds, Map<Key, byte[]> model);

    private static String bytes(byte[] v) {
        return v.length + "B:" + HexFormat.of().formatHex(v);
    }

    record Put(Key key, byte[] value) implements Operation {
        @Override
        public void apply(Datastore ds, Map<Key, byte[]> model) {
            ds.put(key, value);
            model.put(key, value.clone());
        }

        @Override
        public String toString() {
            return "put " + key + " = " + bytes(value);
        }
    }

    record Get(Key key) implements Operation {
        @Override
        public void apply(Datastore ds, Map<Key, byte[]> model) {
            byte[] expected = model.get(key);
            if (expected == null) {
                assertThrows(NotFoundException.class, () -> ds.get(key), () -> "get " + key + " of a missing key");
            } else {
                assertArrayEquals(expected, ds.get(key), () -> "get " + key);
            }
        }

        @Override
        public String toString() {
            return "get " + key;
        }
    }

    record Has(Key key) implements Operation {
        @Override
        public void apply(Datastore ds, Map<Key, byte[]> model) {
            assertEquals(model.containsKey(key), ds.has(key), () -> "has " + key);
        }

        @Override
        public String toString() {
            return "has " + key;
        }
    }

    record GetSize(Key key) implements Operation {
        @Override
        public void apply(Datastore ds, Map<Key, byte[]> model) {
            byte[] expected = model.get(key);
            if (expected == null) {
                assertThrows(NotFoundException.class, () -> ds.getSize(key), () -> "getSize " + key + " of a missing key");
            } else {
                assertEquals(expected.length, ds.getSize(key), () -> "getSize " + key);
            }
        }

        @Override
        public String toString() {
            return "getSize " + key;
        }
    }

    record Delete(Key key) implements Operation {
        @Override
        public void apply(Datastore ds, Map<Key, byte[]> model) {
            ds.delete(key);
            model.remove(key);
        }

        @Override
        public String toString() {
            return "delete " + key;
        }
    }

    record Sync(Key prefix) implements Operation {
        @Override
        public void apply(Datastore ds, Map<Key, byte[]> model) {
            ds.sync(prefix);
        }

        @Override
        public String toString() {
            return "sync " + prefix;
        }
    }

    /** A batch of puts ({@code value} set) and deletes ({@code value} empty); the last operation on a key wins. */
    record BatchOps(List<Map.Entry<Key, Optional<byte[]>>> ops) implements Operation {
        @Override
        public void apply(Datastore ds, Map<Key, byte[]> model) {
            Batch batch = ((Batching) ds).batch();
            Map<Key, Optional<byte[]>> last = new HashMap<>();
            for (Map.Entry<Key, Optional<byte[]>> op : ops) {
                if (op.getValue().isPresent()) {
                    batch.put(op.getKey(), op.getValue().get());
                } else {
                    batch.delete(op.getKey());
                }
                last.put(op.getKey(), op.getValue());
            }
            for (Map.Entry<Key, Optional<byte[]>> op : ops) {
                Key k = op.getKey();
                assertEquals(model.containsKey(k), ds.has(k), () -> "has " + k + " before the batch commits");
            }
            batch.commit();
            last.forEach((k, v) -> {
                if (v.isPresent()) {
                    model.put(k, v.get().clone());
                } else {
                    model.remove(k);
                }
            });
        }

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<Key, Optional<byte[]>> op : ops) {
                parts.add(op.getValue().map(v -> "put " + op.getKey() + " = " + bytes(v)).orElse("delete " + op.getKey()));
            }
            return "batch " + parts;
        }
    }

    /**
     * A query compared with {@link NaiveQuery} over the model. Without orders, results are compared as
     * sets; with an offset or limit but no orders, which entries come back is up to the datastore, so
     * only their number and their content are checked.
     */
    record QueryOp(Query query) implements Operation {
        @Override
        public void apply(Datastore ds, Map<Key, byte[]> model) {
            List<Entry> entries = new ArrayList<>();
            model.forEach((k, v) -> entries.add(Entry.of(k.toString(), v.clone())));
            List<Entry> expected;
            try (Results r = NaiveQuery.apply(query, Results.of(query, entries))) {
                expected = r.rest();
            }
            List<Entry> actual;
            try (Results r = ds.query(query)) {
                assertTrue(r.query() == query, "Results.query() returns the query passed in");
                actual = r.rest();
            }
            assertEquals(expected.size(), actual.size(), () -> "number of results of " + query);
            for (Entry a : actual) {
                byte[] v = model.get(Key.raw(a.key()));
                assertTrue(v != null, () -> "result " + a.key() + " of " + query + " is not in the model");
                if (query.keysOnly()) {
                    assertNull(a.value(), () -> "keys-only result " + a.key() + " of " + query + " has a value");
                } else {
                    assertArrayEquals(v, a.value(), () -> "value of " + a.key() + " in " + query);
                }
                if (!query.keysOnly() || query.returnsSizes()) {
                    assertEquals(v.length, a.size(), () -> "size of " + a.key() + " in " + query);
                }
            }
            boolean paged = query.offset() > 0 || query.limit() > 0;
            if (query.orders().isEmpty()) {
                if (paged) {
                    Set<String> allowed = new HashSet<>();
                    Query unpaged = query.toBuilder().offset(0).limit(0).build();
                    try (Results r = NaiveQuery.apply(unpaged, Results.of(unpaged, entries))) {
                        r.forEach(e -> allowed.add(e.key()));
                    }
                    for (Entry a : actual) {
                        assertTrue(allowed.contains(a.key()), () -> "result " + a.key() + " does not match " + query);
                    }
                    assertEquals(actual.size(), actual.stream().map(Entry::key).distinct().count(), () -> "duplicate results of " + query);
                    return;
                }
                Order.sort(expected, List.of(new OrderByKey()));
                actual = new ArrayList<>(actual);
                Order.sort(actual, List.of(new OrderByKey()));
            }
            List<String> expectedKeys = expected.stream().map(Entry::key).toList();
            List<String> actualKeys = actual.stream().map(Entry::key).toList();
            assertEquals(expectedKeys, actualKeys, () -> "keys of " + query);
        }

        @Override
        public String toString() {
            return "query " + query;
        }
    }
}
