package io.github.blobds.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.MapDatastore;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Routing of keys (lookup) and of query and sync prefixes (lookupAll). */
class LookupTest {

    static MountDatastore mounts(String... prefixes) {
        return MountDatastore.of(java.util.Arrays.stream(prefixes).map(p -> new Mount(Key.of(p), new MapDatastore())).toList());
    }

    static String prefixes(List<Route> routes) {
        return String.join(" ", routes.stream().map(r -> r.prefix().toString()).toList());
    }

    static String rests(List<Route> routes) {
        return String.join(" ", routes.stream().map(r -> r.rest().toString()).toList());
    }

    // go-datastore mount/lookup_test.go TestLookup
    @Test
    @DisplayName("lookup is by strict ancestor and lookupAll matches whole components")
    void lookup() {
        MountDatastore m = mounts("/", "/foo", "/bar", "/baz");
        assertEquals("/bar", prefixes(m.lookupAll(Key.of("/bar"))));
        assertEquals("/", prefixes(m.lookupAll(Key.of("/fo"))));
        assertEquals(Key.ROOT, m.lookup(Key.of("/fo")).orElseThrow().prefix());
        // /foo lives in /, /foo/bar lives in /foo
        assertEquals(Key.ROOT, m.lookup(Key.of("/foo")).orElseThrow().prefix());
        assertEquals(Key.of("/foo"), m.lookup(Key.of("/foo/bar")).orElseThrow().prefix());
    }

    // go-datastore mount/mount.go lookupAll, the examples of its doc comment
    @ParameterizedTest(name = "lookupAll({0}) = [{1}] at [{2}]")
    @CsvSource(delimiter = ';', value = {
        "/;        /foo/bar /foo /bar /;  / / / /",
        "/foo;     /foo/bar /foo;         / /",
        "/foo/bar; /foo/bar;              /",
        "/bar/foo; /bar;                  /foo",
        "/ba;      /;                     /ba",
        "/foo/bar/baz/qux; /foo/bar;      /baz/qux",
    })
    void lookupAllExamples(String key, String expectedPrefixes, String expectedRests) {
        List<Route> routes = mounts("/", "/foo", "/bar", "/foo/bar").lookupAll(Key.of(key));
        assertEquals(expectedPrefixes, prefixes(routes));
        assertEquals(expectedRests, rests(routes));
    }

    @ParameterizedTest(name = "lookup({0}) = {1} at {2}")
    @CsvSource({
        "/foo/bar/baz, /foo/bar, /baz",
        "/foo/bar, /foo, /bar",
        "/foo, /, /foo",
        "/foobar, /, /foobar",
        "/foo/barb, /foo, /barb",
        "/a/b/c, /, /a/b/c",
    })
    void lookupExamples(String key, String mount, String rest) {
        Route r = mounts("/", "/foo", "/bar", "/foo/bar").lookup(Key.of(key)).orElseThrow();
        assertEquals(Key.of(mount), r.prefix());
        assertEquals(Key.of(rest), r.rest());
    }

    @Test
    @DisplayName("the root key matches no mount, not even /")
    void rootMatchesNothing() {
        assertTrue(mounts("/", "/foo").lookup(Key.ROOT).isEmpty());
    }

    @Test
    @DisplayName("mounts are sorted by prefix string descending, byte-wise, descendants before ancestors")
    void sortedDescending() {
        MountDatastore m = mounts("/", "/a-b", "/a", "/a/b", "/b", "/\u00e9", "/z");
        assertEquals(List.of("/\u00e9", "/z", "/b", "/a/b", "/a-b", "/a", "/"),
                m.mounts().stream().map(x -> x.prefix().toString()).toList());
        assertEquals(m.mounts().stream().map(Mount::datastore).toList(), m.children());
    }

    @Test
    @DisplayName("without a mount at or above the prefix, lookupAll returns only the mounts below it")
    void noRoot() {
        MountDatastore m = mounts("/a/b", "/a/c", "/d");
        assertEquals("/a/c /a/b", prefixes(m.lookupAll(Key.of("/a"))));
        assertEquals("", prefixes(m.lookupAll(Key.of("/e"))));
    }

    @Test
    @DisplayName("of two mounts at the same prefix the one listed first takes the keys")
    void duplicatePrefixes() {
        MapDatastore first = new MapDatastore();
        MapDatastore second = new MapDatastore();
        MountDatastore m = MountDatastore.of(new Mount(Key.of("/x"), first), new Mount(Key.of("/x"), second));
        assertTrue(m.lookup(Key.of("/x/y")).orElseThrow().datastore() == first);
    }
}
