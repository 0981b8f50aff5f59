package io.github.blobds.datastore.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderTest {

    static List<String> ordered(Order... orders) {
        Query q = Query.builder().order(orders).build();
        return QueryTest.keys(NaiveQuery.order(Results.of(q, QueryTest.sampleEntries()), List.of(orders)));
    }

    // go-datastore query/order_test.go TestOrderByKey
    @Test
    void orderByKey() {
        List<String> ascending = List.of("/a", "/ab", "/ab/c", "/ab/cd", "/ab/ef", "/ab/fg", "/abce", "/abcf");
        assertEquals(ascending, ordered(new OrderByKey()));
        List<String> descending = new ArrayList<>(ascending);
        java.util.Collections.reverse(descending);
        assertEquals(descending, ordered(new OrderByKeyDescending()));
    }

    @Test
    void orderByValueAndFunction() {
        // values equal keys in the sample, so value order is key order
        assertEquals(ordered(new OrderByKey()), ordered(new OrderByValue()));
        assertEquals(ordered(new OrderByKeyDescending()), ordered(new OrderByValueDescending()));
        Comparator<Entry> byLength = Comparator.comparingInt(e -> e.key().length());
        assertEquals(List.of("/a", "/ab", "/ab/c", "/abce", "/abcf", "/ab/cd", "/ab/ef", "/ab/fg"), ordered(new OrderByFunction(byLength)),
                "ties are broken by key");
        assertEquals("FN", new OrderByFunction(byLength).toString());
        assertEquals("VALUE", new OrderByValue().toString());
        assertEquals("desc(VALUE)", new OrderByValueDescending().toString());
        assertEquals("KEY", new OrderByKey().toString());
        assertEquals("desc(KEY)", new OrderByKeyDescending().toString());
    }

    @Test
    void hierarchicalOrders() {
        Entry a = Entry.of("/a", new byte[] {1});
        Entry b = Entry.of("/b", new byte[] {1});
        Entry c = Entry.of("/c", new byte[] {0});
        List<Entry> entries = new ArrayList<>(List.of(b, a, c));
        Order.sort(entries, List.of(new OrderByValueDescending(), new OrderByKeyDescending()));
        assertEquals(List.of(b, a, c), entries);
        assertEquals(-1, Order.compare(List.of(), a, b));
        assertEquals(0, Order.compare(List.of(new OrderByValue()), a, a));
        assertEquals(-1, Integer.signum(Order.comparator(List.of(new OrderByValue())).compare(c, a)));
        assertEquals("Entry[key=/a, size=1, value=[1]]", a.toString());
        assertEquals("Entry[key=/k, size=3]", Entry.keyOnly("/k", 3).toString());
        assertEquals(a, Entry.of("/a", new byte[] {1}));
        assertEquals(a.hashCode(), Entry.of("/a", new byte[] {1}).hashCode());
        assertEquals("/z", a.withKey("/z").key());
    }
}
