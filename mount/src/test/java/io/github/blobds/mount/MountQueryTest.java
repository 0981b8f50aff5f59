package io.github.blobds.mount;

import static io.github.blobds.mount.MountDatastoreTest.bytes;
import static io.github.blobds.mount.MountDatastoreTest.keys;
import static io.github.blobds.mount.MountDatastoreTest.mount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.DatastoreException;
import io.github.blobds.datastore.FailingDatastore;
import io.github.blobds.datastore.ForwardingDatastore;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.MapDatastore;
import io.github.blobds.datastore.query.Entry;
import io.github.blobds.datastore.query.FilterKeyPrefix;
import io.github.blobds.datastore.query.Order;
import io.github.blobds.datastore.query.OrderByFunction;
import io.github.blobds.datastore.query.OrderByKey;
import io.github.blobds.datastore.query.OrderByValue;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Result;
import io.github.blobds.datastore.query.Results;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The merged query: what is pushed down, how results merge, and how result sets are closed. */
class MountQueryTest {

    private final TrackingDatastore a = new TrackingDatastore(new MapDatastore());
    private final TrackingDatastore b = new TrackingDatastore(new MapDatastore());
    private final TrackingDatastore root = new TrackingDatastore(new MapDatastore());
    private final MountDatastore m = MountDatastore.of(mount("/a", a.scoped()), mount("/b", b.scoped()), mount("/", root.scoped()));

    private void fill() {
        for (String k : List.of("/a/1", "/a/2", "/a/3", "/b/1", "/b/2", "/b/3", "/c", "/d")) {
            m.put(Key.of(k), bytes(k));
        }
    }

    private boolean allClosed() {
        return a.allClosed() && b.allClosed() && root.allClosed();
    }

    @Nested
    @DisplayName("Push-down")
    class PushDown {

        @Test
        @DisplayName("children get the prefix, orders, keys-only, expirations and sizes, but no filters, offset or limit")
        void childQuery() {
            Order byKey = new OrderByKey();
            Query q = Query.builder().prefix("/a/").filter(new FilterKeyPrefix("/a/1")).order(byKey)
                    .offset(1).limit(2).keysOnly(true).returnExpirations(true).returnsSizes(true).build();
            try (Results r = m.query(q)) {
                assertSame(q, r.query());
                r.rest();
            }
            assertEquals(List.of(Query.builder().prefix("/").order(byKey).keysOnly(true).returnExpirations(true).returnsSizes(true).build()),
                    a.queries);
            assertTrue(b.queries.isEmpty() && root.queries.isEmpty(), "mounts outside the prefix are not queried");
        }

        @Test
        @DisplayName("the mount above the prefix gets the prefix's rest")
        void restPrefix() {
            m.query(Query.builder().prefix("/c/d/").build()).close();
            assertEquals("/c/d", root.queries.get(0).prefix());
        }

        @Test
        @DisplayName("a negative offset or limit is ignored, as go applies them only when positive")
        void negativePaging() {
            fill();
            assertEquals(8, m.query(Query.builder().offset(-1).limit(-1).build()).rest().size());
        }
    }

    @Nested
    @DisplayName("Merge")
    class Merge {

        @Test
        @DisplayName("results of every mount merge in key order, root keys interleaved")
        void keyOrder() {
            fill();
            assertEquals(List.of("/a/1", "/a/2", "/a/3", "/b/1", "/b/2", "/b/3", "/c", "/d"),
                    keys(m.query(Query.builder().order(new OrderByKey()).build()).rest()));
        }

        @Test
        @DisplayName("value order across mounts breaks ties by key string")
        void valueOrderTies() {
            m.put(Key.of("/b/x"), bytes("same"));
            m.put(Key.of("/a/y"), bytes("same"));
            m.put(Key.of("/c"), bytes("less"));
            assertEquals(List.of("/c", "/a/y", "/b/x"), keys(m.query(Query.builder().order(new OrderByValue()).build()).rest()));
        }

        @Test
        @DisplayName("comparator results are taken by their sign, as go's query.Less (which would ignore 5 and -7)")
        void signum() {
            fill();
            // reverse key order with large magnitudes; then OrderByKey would reverse it again if 5/-7 were ignored
            Order large = new OrderByFunction((x, y) -> Key.compareUtf8(x.key(), y.key()) < 0 ? 5 : -7 * Integer.signum(Key.compareUtf8(x.key(), y.key())));
            List<String> got = keys(m.query(Query.builder().order(large).order(new OrderByKey()).build()).rest());
            assertEquals(List.of("/d", "/c", "/b/3", "/b/2", "/b/1", "/a/3", "/a/2", "/a/1"), got);
        }

        @Test
        @DisplayName("an error result from a child comes out of the merged results")
        void errorResult() {
            Datastore broken = new ForwardingDatastore(new MapDatastore()) {
                @Override
                public Results query(Query query) {
                    Iterator<Result> it = List.of(Result.error(new DatastoreException("bad disk")), Result.of(Entry.of("/x", bytes("x")))).iterator();
                    return Results.from(query, () -> it.hasNext() ? Optional.of(it.next()) : Optional.empty(), () -> { });
                }
            };
            MountDatastore mm = MountDatastore.of(mount("/broken", broken), mount("/", new MapDatastore()));
            mm.put(Key.of("/ok"), bytes("ok"));
            List<Result> results = new ArrayList<>();
            try (Results r = mm.query(Query.builder().order(new OrderByKey()).build())) {
                for (Optional<Result> x = r.nextResult(); x.isPresent(); x = r.nextResult()) {
                    results.add(x.get());
                }
            }
            // go sorts the error at its mount prefix: /broken < /broken/x < /ok
            assertEquals("bad disk", results.get(0).error().getMessage());
            assertEquals("/broken/x", results.get(1).entry().key());
            assertEquals("/ok", results.get(2).entry().key());
            assertEquals(3, results.size());
            DatastoreException thrown = assertThrows(DatastoreException.class, () -> mm.query(Query.all()).rest());
            assertEquals("bad disk", thrown.getMessage());
        }

        @Test
        @DisplayName("no mounts give no results")
        void noMounts() {
            assertEquals(List.of(), MountDatastore.of().query(Query.all()).rest());
        }
    }

    @Nested
    @DisplayName("Closing")
    class Closing {

        @Test
        @DisplayName("closing the merged results early closes every child's result set")
        void earlyClose() {
            fill();
            Results r = m.query(Query.builder().order(new OrderByKey()).build());
            assertEquals("/a/1", r.nextResult().orElseThrow().entry().key());
            assertEquals(3, a.opened.get() + b.opened.get() + root.opened.get());
            assertFalse(allClosed());
            r.close();
            assertTrue(allClosed(), "every child result set closed");
            assertTrue(r.nextResult().isEmpty(), "nothing after close");
            r.close();
            assertEquals(1, a.closed.get(), "close is idempotent");
        }

        @Test
        @DisplayName("closing through a limit closes every child's result set")
        void closeThroughLimit() {
            fill();
            try (Results r = m.query(Query.builder().limit(1).offset(1).build())) {
                assertEquals(1, r.rest().size());
            }
            assertTrue(allClosed());
        }

        @Test
        @DisplayName("an exhausted child result set is closed before the others")
        void exhaustedChildClosed() {
            m.put(Key.of("/a/1"), bytes("1"));
            m.put(Key.of("/b/1"), bytes("1"));
            m.put(Key.of("/b/2"), bytes("2"));
            Results r = m.query(Query.builder().order(new OrderByKey()).build());
            assertEquals(1, root.closed.get(), "the empty root result set is closed at once");
            r.nextResult();
            r.nextResult();
            assertEquals(1, a.closed.get(), "/a is exhausted after its only key");
            assertEquals(0, b.closed.get());
            r.close();
            assertTrue(allClosed());
        }

        @Test
        @DisplayName("when a child's query fails, the result sets opened on other children are closed")
        void failingChildClosesOthers() {
            // go-datastore mount/mount_test.go TestErrQueryClose, with the failing child queried last
            Datastore failing = FailingDatastore.wrap(new MapDatastore(), op -> {
                if (op.equals("query")) {
                    throw new DatastoreException("test error");
                }
            });
            MountDatastore mm = MountDatastore.of(mount("/a", a.scoped()), mount("/b", b.scoped()), mount("/", failing));
            mm.put(Key.of("/a/1"), bytes("1"));
            mm.put(Key.of("/b/1"), bytes("1"));
            DatastoreException e = assertThrows(DatastoreException.class, () -> mm.query(Query.all()));
            assertEquals("test error", e.getMessage());
            assertEquals(1, a.opened.get());
            assertEquals(1, b.opened.get());
            assertTrue(a.allClosed() && b.allClosed(), "opened result sets were closed");
        }

        @Test
        @DisplayName("a failing close of a child's results is still thrown after closing the others")
        void failingChildClose() {
            Datastore badClose = new ForwardingDatastore(new MapDatastore()) {
                @Override
                public Results query(Query query) {
                    Results r = super.query(query);
                    return Results.from(query, r::nextResult, () -> {
                        throw new DatastoreException("cannot close");
                    });
                }
            };
            MountDatastore mm = MountDatastore.of(mount("/x", badClose), mount("/y", badClose), mount("/a", a.scoped()));
            mm.put(Key.of("/x/1"), bytes("1"));
            mm.put(Key.of("/y/1"), bytes("1"));
            mm.put(Key.of("/a/1"), bytes("1"));
            Results r = mm.query(Query.all());
            DatastoreException e = assertThrows(DatastoreException.class, r::close);
            assertEquals("cannot close", e.getMessage());
            assertEquals(1, e.getSuppressed().length);
            assertTrue(a.allClosed());
        }

        @Test
        @DisplayName("a comparator failing while the heads are ordered closes what was opened")
        void failingComparator() {
            fill();
            Order bad = new OrderByFunction((x, y) -> {
                throw new IllegalStateException("no order");
            });
            assertThrows(IllegalStateException.class, () -> m.query(Query.builder().order(bad).build()));
            assertTrue(allClosed());
        }
    }
}
