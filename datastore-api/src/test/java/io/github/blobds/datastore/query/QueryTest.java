package io.github.blobds.datastore.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.DatastoreException;
import io.github.blobds.datastore.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QueryTest {

    // go-datastore query/query_test.go sampleKeys (the input order matters)
    static final List<String> SAMPLE_KEYS = List.of("/ab/c", "/ab/cd", "/ab/ef", "/ab/fg", "/a", "/abce", "/abcf", "/ab");

    static List<Entry> sampleEntries() {
        List<Entry> out = new ArrayList<>();
        for (String k : SAMPLE_KEYS) {
            out.add(Entry.of(k, k.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    static List<String> keys(Results r) {
        return r.stream().map(Entry::key).toList();
    }

    static List<String> apply(Query q) {
        return keys(NaiveQuery.apply(q, Results.of(q, sampleEntries())));
    }

    // go-datastore query/query_test.go TestNaiveQueryApply
    @Test
    void naiveQueryApply() {
        assertEquals(List.of("/ab/c", "/ab/cd"), apply(Query.builder().limit(2).build()));
        assertEquals(List.of("/ab/fg", "/a"), apply(Query.builder().offset(3).limit(2).build()));
        assertEquals(List.of("/ab"), apply(Query.builder().filter(new FilterKeyCompare(Op.EQUAL, "/ab")).build()));
        assertEquals(List.of("/ab/c", "/ab/cd", "/ab/ef", "/ab/fg"), apply(Query.builder().prefix("/ab").build()));
        assertEquals(List.of("/abcf", "/abce", "/ab/fg", "/ab/ef", "/ab/cd", "/ab/c", "/ab", "/a"),
                apply(Query.builder().order(new OrderByKeyDescending()).build()));
        assertEquals(List.of("/ab/cd", "/ab/ef"),
                apply(Query.builder().limit(2).offset(1).prefix("/ab").order(new OrderByKey()).build()));
    }

    // go-datastore query/query_test.go TestLimit
    @Test
    void limit() {
        Query q = Query.all();
        assertEquals(SAMPLE_KEYS, keys(NaiveQuery.limit(Results.of(q, sampleEntries()), 0)));
        assertEquals(SAMPLE_KEYS, keys(NaiveQuery.limit(Results.of(q, sampleEntries()), 10)));
        assertEquals(SAMPLE_KEYS.subList(0, 2), keys(NaiveQuery.limit(Results.of(q, sampleEntries()), 2)));
        assertEquals(SAMPLE_KEYS, keys(NaiveQuery.limit(Results.of(q, sampleEntries()), -1)), "a negative limit never runs out");
    }

    // go-datastore query/query_test.go TestOffset
    @Test
    void offset() {
        Query q = Query.all();
        assertEquals(SAMPLE_KEYS, keys(NaiveQuery.offset(Results.of(q, sampleEntries()), 0)));
        assertEquals(List.of(), keys(NaiveQuery.offset(Results.of(q, sampleEntries()), 10)));
        assertEquals(SAMPLE_KEYS.subList(2, 8), keys(NaiveQuery.offset(Results.of(q, sampleEntries()), 2)));
    }

    /** A result source counting how often it is closed, as go's TestResultsFromIterator does. */
    static Results counted(AtomicInteger closes) {
        Iterator<Entry> it = sampleEntries().iterator();
        return Results.from(Query.all(), () -> it.hasNext() ? Optional.of(Result.of(it.next())) : Optional.empty(),
                closes::incrementAndGet);
    }

    // go-datastore query/query_test.go TestResultsFromIterator (NextSync), …UsingChan (iteration), …UsingRest
    @Test
    void resultsFromIteratorCloseOnce() {
        AtomicInteger closes = new AtomicInteger();
        Results r = counted(closes);
        List<String> got = new ArrayList<>();
        for (Optional<Result> next = r.nextResult(); next.isPresent(); next = r.nextResult()) {
            got.add(next.get().entry().key());
        }
        assertEquals(SAMPLE_KEYS, got);
        assertEquals(1, closes.get(), "exhaustion closes once");
        r.close();
        assertEquals(1, closes.get(), "close after exhaustion does not close again");

        AtomicInteger closes2 = new AtomicInteger();
        assertEquals(SAMPLE_KEYS, keys(counted(closes2)));
        assertEquals(1, closes2.get());

        AtomicInteger closes3 = new AtomicInteger();
        assertEquals(SAMPLE_KEYS, counted(closes3).rest().stream().map(Entry::key).toList());
        assertEquals(1, closes3.get());
    }

    @Test
    void closeEndsProductionAndIsIdempotent() {
        AtomicInteger closes = new AtomicInteger();
        Results r = counted(closes);
        Iterator<Entry> it = r.iterator();
        assertEquals("/ab/c", it.next().key());
        r.close();
        r.close();
        assertEquals(1, closes.get());
        assertFalse(it.hasNext(), "no entries after close");
        assertTrue(r.nextResult().isEmpty());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void errorResultsAreThrownWhenIterating() {
        Query q = Query.all();
        DatastoreException boom = new DatastoreException("boom");
        Results r = Results.ofResults(q, List.of(Result.of(Entry.of("/a", new byte[0])), Result.error(boom), Result.of(Entry.of("/b", new byte[0]))));
        Iterator<Entry> it = r.iterator();
        assertEquals("/a", it.next().key());
        assertSame(boom, assertThrows(DatastoreException.class, it::next));
        assertFalse(it.hasNext(), "an error ends the iteration");

        Results r2 = Results.ofResults(q, List.of(Result.error(new IllegalStateException("io"))));
        DatastoreException wrapped = assertThrows(DatastoreException.class, r2::rest);
        assertTrue(wrapped.getCause() instanceof IllegalStateException);

        Results failing = Results.from(q, () -> {
            throw new IllegalStateException("source failed");
        }, () -> { });
        Result first = failing.nextResult().orElseThrow();
        assertTrue(first.isError());
        assertEquals("source failed", first.error().getMessage());
        assertTrue(failing.nextResult().isEmpty(), "a failing source ends the results");
        assertThrows(IllegalArgumentException.class, () -> new Result(null, null));
    }

    @Test
    void streamClosesResults() {
        AtomicInteger closes = new AtomicInteger();
        Results r = counted(closes);
        try (var s = r.stream()) {
            assertEquals("/ab/c", s.findFirst().orElseThrow().key());
        }
        assertEquals(1, closes.get());
        Query q = Query.all();
        Results replaced = Results.withQuery(Results.of(Query.builder().limit(1).build(), sampleEntries()), q);
        assertSame(q, replaced.query());
        assertEquals(8, replaced.rest().size());
        assertTrue(replaced.toString().contains("SELECT"));
    }

    // go-datastore query/query_test.go: error results pass filters, come first after ordering, count towards limits
    @Test
    void errorResultsInOperators() {
        Query q = Query.all();
        DatastoreException err = new DatastoreException("e");
        List<Result> input = List.of(Result.of(Entry.of("/b", new byte[0])), Result.error(err), Result.of(Entry.of("/a", new byte[0])));
        List<Result> filtered = drain(NaiveQuery.filter(Results.ofResults(q, input), e -> false));
        assertEquals(1, filtered.size());
        assertTrue(filtered.get(0).isError(), "errors pass filters");

        List<Result> ordered = drain(NaiveQuery.order(Results.ofResults(q, input), List.of(new OrderByKey())));
        assertTrue(ordered.get(0).isError(), "errors come first");
        assertEquals("/a", ordered.get(1).entry().key());
        assertEquals("/b", ordered.get(2).entry().key());

        List<Result> limited = drain(NaiveQuery.limit(Results.ofResults(q, input), 2));
        assertEquals(2, limited.size(), "limit counts errors");
        assertTrue(limited.get(1).isError());

        List<Result> offset = drain(NaiveQuery.offset(Results.ofResults(q, input), 2));
        assertTrue(offset.get(0).isError(), "an error met while skipping is returned at once");
        assertEquals(1, offset.size(), "and the offset still applies after it");

        Results unordered = Results.ofResults(q, input);
        assertSame(unordered, NaiveQuery.order(unordered, List.of()));
    }

    static List<Result> drain(Results r) {
        List<Result> out = new ArrayList<>();
        for (Optional<Result> next = r.nextResult(); next.isPresent(); next = r.nextResult()) {
            out.add(next.get());
        }
        return out;
    }

    // reference §3.5: prefix examples
    @Test
    void prefixFilters() {
        for (String none : List.of("", "/", "/./", "/.././/", "/prefix/../")) {
            assertEquals(Optional.empty(), NaiveQuery.prefixFilter(none), none);
        }
        assertEquals(Optional.of("/prefix/"), NaiveQuery.prefixFilter("/prefix"));
        assertEquals(Optional.of("/prefix/"), NaiveQuery.prefixFilter("/prefix/"));
        assertEquals(Optional.of("/prefix/"), NaiveQuery.prefixFilter("prefix"));
        assertEquals(Optional.of("/prefix/sub/"), NaiveQuery.prefixFilter("/prefix/sub/"));
        assertEquals(Optional.of("/0/"), NaiveQuery.prefixFilter("/0/"));
        assertEquals(Optional.of("/a/"), NaiveQuery.prefixFilter("/a//"));
        assertFalse(NaiveQuery.matchesPrefix("/0", "/0key0"));
        assertTrue(NaiveQuery.matchesPrefix("/0", "/0/key0"));
        assertTrue(NaiveQuery.matchesPrefix("", "/x"));
    }

    // go-datastore query/query_test.go TestStringer
    @Test
    void stringer() {
        Query.Builder b = Query.builder();
        assertEquals("SELECT keys,vals", b.build().toString());
        b.offset(10).limit(10);
        assertEquals("SELECT keys,vals OFFSET 10 LIMIT 10", b.build().toString());
        b.order(new OrderByValue(), new OrderByKey());
        assertEquals("SELECT keys,vals ORDER [VALUE, KEY] OFFSET 10 LIMIT 10", b.build().toString());
        b.filter(new FilterKeyCompare(Op.GREATER_THAN, "/foo/bar"), new FilterKeyCompare(Op.LESS_THAN, "/foo/bar"));
        assertEquals("SELECT keys,vals FILTER [KEY > \"/foo/bar\", KEY < \"/foo/bar\"] ORDER [VALUE, KEY] OFFSET 10 LIMIT 10",
                b.build().toString());
        b.prefix("/foo");
        assertEquals("SELECT keys,vals FROM \"/foo\" FILTER [KEY > \"/foo/bar\", KEY < \"/foo/bar\"] ORDER [VALUE, KEY] OFFSET 10 LIMIT 10",
                b.build().toString());
        b.returnExpirations(true);
        assertEquals("SELECT keys,vals,exps FROM \"/foo\" FILTER [KEY > \"/foo/bar\", KEY < \"/foo/bar\"] ORDER [VALUE, KEY] OFFSET 10 LIMIT 10",
                b.build().toString());
        b.keysOnly(true);
        assertEquals("SELECT keys,exps FROM \"/foo\" FILTER [KEY > \"/foo/bar\", KEY < \"/foo/bar\"] ORDER [VALUE, KEY] OFFSET 10 LIMIT 10",
                b.build().toString());
        b.returnExpirations(false);
        assertEquals("SELECT keys FROM \"/foo\" FILTER [KEY > \"/foo/bar\", KEY < \"/foo/bar\"] ORDER [VALUE, KEY] OFFSET 10 LIMIT 10",
                b.build().toString());
    }

    @Test
    void builderAndRecord() {
        Query q = Query.builder().prefix("/p").filter(new FilterKeyPrefix("/p/a")).order(new OrderByKey())
                .limit(3).offset(1).keysOnly(true).returnsSizes(true).returnExpirations(true).build();
        assertEquals(q, q.toBuilder().build());
        assertEquals(q.hashCode(), q.toBuilder().build().hashCode());
        assertEquals(Query.all(), Query.builder().build());
        assertThrows(InvalidArgumentException.class, () -> Query.builder().prefix(null));
        assertThrows(InvalidArgumentException.class, () -> new Query(null, List.of(), List.of(), 0, 0, false, false, false));
        assertThrows(UnsupportedOperationException.class, () -> q.filters().add(e -> true));
        assertEquals("SELECT keys FROM \"/q\\\"\\\\\\n\\t\\x01\u00e9\\u200b\"", Query.builder().prefix("/q\"\\\n\t\u0001\u00e9\u200b").keysOnly(true).build().toString());
    }
}
