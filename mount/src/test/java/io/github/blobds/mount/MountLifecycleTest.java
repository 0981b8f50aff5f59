package io.github.blobds.mount;

import static io.github.blobds.mount.MountDatastoreTest.bytes;
import static io.github.blobds.mount.MountDatastoreTest.mount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.conformance.TestDatastore;
import io.github.blobds.datastore.ClosedException;
import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.DatastoreException;
import io.github.blobds.datastore.FailingDatastore;
import io.github.blobds.datastore.Feature;
import io.github.blobds.datastore.ForwardingDatastore;
import io.github.blobds.datastore.InvalidArgumentException;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.MapDatastore;
import io.github.blobds.datastore.NullDatastore;
import io.github.blobds.datastore.PersistentDatastore;
import io.github.blobds.datastore.query.Query;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Maintenance over mounts, error joining, features, bad input and use after close. */
class MountLifecycleTest {

    /** A map with a fixed disk usage, persistent and nothing else. */
    static Datastore persistent(long usage) {
        return Feature.scoped(new ForwardingDatastore(new MapDatastore()) {
            @Override
            public long diskUsage() {
                return usage;
            }
        }, EnumSet.of(Feature.PERSISTENT));
    }

    static Datastore failingOn(String operation, String message) {
        return FailingDatastore.wrap(new TestDatastore(false), op -> {
            if (op.equals(operation)) {
                throw new DatastoreException(message);
            }
        });
    }

    @Nested
    @DisplayName("Features")
    class Features {

        @Test
        @DisplayName("a mount datastore has go's features and is a Shim")
        void features() {
            MountDatastore m = MountDatastore.of(mount("/", new MapDatastore()));
            assertEquals(List.of(Feature.BATCHING, Feature.CHECKED, Feature.GC, Feature.PERSISTENT, Feature.SCRUBBED), Feature.of(m));
        }

        @Test
        @DisplayName("disk usage sums the persistent mounts; others count 0")
        void diskUsage() {
            MountDatastore m = MountDatastore.of(mount("/a", persistent(100)), mount("/b", persistent(23)), mount("/", new MapDatastore()));
            assertEquals(123, m.diskUsage());
        }

        @Test
        @DisplayName("check, scrub and gc skip mounts without the feature and reach those with it")
        void maintenanceSkips() {
            AtomicInteger calls = new AtomicInteger();
            Datastore counting = FailingDatastore.wrap(new TestDatastore(false), op -> {
                if (op.equals("check") || op.equals("scrub") || op.equals("gc")) {
                    calls.incrementAndGet();
                }
            });
            MountDatastore m = MountDatastore.of(mount("/map", new MapDatastore()), mount("/", counting));
            m.check();
            m.scrub();
            m.collectGarbage();
            assertEquals(3, calls.get());
        }
    }

    @Nested
    @DisplayName("Joined errors")
    class JoinedErrorsTests {

        private final MountDatastore m = MountDatastore.of(
                mount("/a", new TestDatastore(true)), mount("/b", new MapDatastore()), mount("/", new TestDatastore(true)));

        private void assertJoined(Executable call, String verb) {
            DatastoreException e = assertThrows(DatastoreException.class, call);
            assertEquals(verb + " /a: test error\n" + verb + " /: test error", e.getMessage());
            assertEquals("test error", e.getCause().getMessage());
            assertEquals(1, e.getSuppressed().length);
        }

        @Test
        @DisplayName("check, scrub and gc run on every mount and join every failure, one line each")
        void maintenance() {
            assertJoined(m::check, "checking datastore at");
            assertJoined(m::scrub, "scrubbing datastore at");
            assertJoined(m::collectGarbage, "gc on datastore at");
        }

        @Test
        @DisplayName("sync joins the failures of the mounts it reaches")
        void sync() {
            MountDatastore mm = MountDatastore.of(
                    mount("/a/b", failingOn("sync", "b broke")), mount("/a", failingOn("sync", "a broke")), mount("/", failingOn("sync", "root broke")));
            DatastoreException e = assertThrows(DatastoreException.class, () -> mm.sync(Key.of("/a")));
            assertEquals("syncing datastore at /a/b: b broke\nsyncing datastore at /a: a broke", e.getMessage());
            DatastoreException one = assertThrows(DatastoreException.class, () -> mm.sync(Key.of("/c")));
            assertEquals("syncing datastore at /: root broke", one.getMessage());
            assertEquals(0, one.getSuppressed().length);
        }

        @Test
        @DisplayName("disk usage joins failures")
        void diskUsage() {
            MountDatastore mm = MountDatastore.of(mount("/x", failingOn("disk-usage", "no stat")), mount("/", persistent(7)));
            // a FailingDatastore over a non-persistent child is not persistent: it counts 0 and cannot fail
            assertEquals(7, mm.diskUsage());
            Datastore failingPersistent = FailingDatastore.wrap(persistent(5), op -> {
                if (op.equals("disk-usage")) {
                    throw new DatastoreException("no stat");
                }
            });
            MountDatastore m2 = MountDatastore.of(mount("/x", failingPersistent), mount("/", persistent(7)));
            assertEquals("getting disk usage at /x: no stat", assertThrows(DatastoreException.class, m2::diskUsage).getMessage());
        }

        @Test
        @DisplayName("close closes every mount even when some fail, and joins the failures")
        void close() {
            List<String> closedOrder = new ArrayList<>();
            Datastore bad = new ForwardingDatastore(new MapDatastore()) {
                @Override
                public void close() {
                    closedOrder.add("bad");
                    throw new DatastoreException("stuck");
                }
            };
            MapDatastore good = new MapDatastore();
            MountDatastore mm = MountDatastore.of(mount("/bad", bad), mount("/", good));
            DatastoreException e = assertThrows(DatastoreException.class, mm::close);
            assertEquals("closing datastore at /bad: stuck", e.getMessage());
            assertEquals(List.of("bad"), closedOrder);
            assertThrows(ClosedException.class, () -> good.get(Key.of("/x")), "the healthy mount was closed too");
            mm.close();
            assertEquals(List.of("bad"), closedOrder, "close is idempotent");
        }
    }

    @Nested
    @DisplayName("Bad input")
    class BadInput {

        private final MountDatastore m = MountDatastore.of(mount("/", new MapDatastore()));

        @Test
        @DisplayName("a put no mount takes names the key in go's message")
        void noMountMessage() {
            MountDatastore mm = MountDatastore.of(mount("/foo", new MapDatastore()));
            NoMountException e = assertThrows(NoMountException.class, () -> mm.put(Key.of("/bar/baz"), bytes("x")));
            assertEquals("no datastore mounted for this key: /bar/baz", e.getMessage());
            assertEquals(Key.of("/bar/baz"), e.key());
            assertThrows(NoMountException.class, () -> m.put(Key.ROOT, bytes("x")), "the root key lives in no mount");
        }

        @Test
        @DisplayName("null arguments raise InvalidArgumentException naming them")
        void nulls() {
            assertTrue(assertThrows(InvalidArgumentException.class, () -> MountDatastore.of((List<Mount>) null)).getMessage().contains("mounts"));
            assertTrue(assertThrows(InvalidArgumentException.class, () -> MountDatastore.of((Mount[]) null)).getMessage().contains("mounts"));
            assertEquals("mount 1 is null", assertThrows(InvalidArgumentException.class,
                    () -> MountDatastore.of(Arrays.asList(mount("/", new MapDatastore()), null))).getMessage());
            assertEquals("mount prefix is null", assertThrows(InvalidArgumentException.class, () -> new Mount(null, new MapDatastore())).getMessage());
            assertEquals("datastore mounted at /x is null", assertThrows(InvalidArgumentException.class, () -> new Mount(Key.of("/x"), null)).getMessage());
            assertThrows(InvalidArgumentException.class, () -> m.get(null));
            assertThrows(InvalidArgumentException.class, () -> m.has(null));
            assertThrows(InvalidArgumentException.class, () -> m.getSize(null));
            assertThrows(InvalidArgumentException.class, () -> m.delete(null));
            assertThrows(InvalidArgumentException.class, () -> m.sync(null));
            assertThrows(InvalidArgumentException.class, () -> m.put(null, bytes("x")));
            assertTrue(assertThrows(InvalidArgumentException.class, () -> m.put(Key.of("/k"), null)).getMessage().contains("/k"));
            assertTrue(assertThrows(InvalidArgumentException.class, () -> m.query(null)).getMessage().contains("query"));
        }

        @Test
        @DisplayName("a mount list changed later does not change the datastore")
        void copiesMounts() {
            List<Mount> mounts = new ArrayList<>(List.of(mount("/", new MapDatastore())));
            MountDatastore mm = MountDatastore.of(mounts);
            mounts.clear();
            assertEquals(1, mm.mounts().size());
            assertThrows(UnsupportedOperationException.class, () -> mm.mounts().clear());
        }
    }

    @Nested
    @DisplayName("Use after close")
    class AfterClose {

        @Test
        @DisplayName("every call after close raises ClosedException naming the operation")
        void everyCall() {
            MountDatastore m = MountDatastore.of(mount("/", new NullDatastore()));
            m.close();
            m.close();
            Key k = Key.of("/k");
            List<Object[]> calls = List.of(
                    new Object[] {"get", (Executable) () -> m.get(k)},
                    new Object[] {"has", (Executable) () -> m.has(k)},
                    new Object[] {"getSize", (Executable) () -> m.getSize(k)},
                    new Object[] {"put", (Executable) () -> m.put(k, bytes("x"))},
                    new Object[] {"delete", (Executable) () -> m.delete(k)},
                    new Object[] {"sync", (Executable) () -> m.sync(k)},
                    new Object[] {"query", (Executable) () -> m.query(Query.all())},
                    new Object[] {"batch", (Executable) m::batch},
                    new Object[] {"diskUsage", (Executable) m::diskUsage},
                    new Object[] {"check", (Executable) m::check},
                    new Object[] {"scrub", (Executable) m::scrub},
                    new Object[] {"collectGarbage", (Executable) m::collectGarbage});
            for (Object[] call : calls) {
                ClosedException e = assertThrows(ClosedException.class, (Executable) call[1], (String) call[0]);
                assertTrue(e.getMessage().startsWith(call[0] + " on closed MountDatastore[/="), e.getMessage());
            }
        }

        @Test
        @DisplayName("close closes the mounted datastores, which children() lists")
        void children() {
            MapDatastore child = new MapDatastore();
            MountDatastore m = MountDatastore.of(mount("/", child));
            assertSame(child, m.children().get(0));
            assertInstanceOf(PersistentDatastore.class, m);
            m.close();
            assertThrows(ClosedException.class, () -> child.has(Key.of("/x")));
            assertFalse(m.toString().isEmpty());
        }
    }
}
