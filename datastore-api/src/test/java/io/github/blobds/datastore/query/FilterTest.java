package io.github.blobds.datastore.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FilterTest {

    static List<String> filtered(Filter f) {
        return QueryTest.keys(NaiveQuery.filter(Results.of(Query.all(), QueryTest.sampleEntries()), f));
    }

    // go-datastore query/filter_test.go TestFilterKeyCompare
    @Test
    void filterKeyCompare() {
        assertEquals(List.of("/ab"), filtered(new FilterKeyCompare(Op.EQUAL, "/ab")));
        assertEquals(List.of("/ab/c", "/ab/cd", "/ab/ef", "/ab/fg", "/abce", "/abcf"), filtered(new FilterKeyCompare(Op.GREATER_THAN, "/ab")));
        assertEquals(List.of("/a", "/ab"), filtered(new FilterKeyCompare(Op.LESS_THAN_OR_EQUAL, "/ab")));
        assertEquals(7, filtered(new FilterKeyCompare(Op.NOT_EQUAL, "/ab")).size());
        assertEquals(7, filtered(new FilterKeyCompare(Op.GREATER_THAN_OR_EQUAL, "/ab")).size());
        assertEquals(List.of("/a"), filtered(new FilterKeyCompare(Op.LESS_THAN, "/ab")));
        assertEquals("KEY == \"/ab\"", new FilterKeyCompare(Op.EQUAL, "/ab").toString());
    }

    // go-datastore query/filter_test.go TestFilterKeyPrefix
    @Test
    void filterKeyPrefix() {
        assertEquals(QueryTest.SAMPLE_KEYS, filtered(new FilterKeyPrefix("/a")));
        assertEquals(List.of("/ab/c", "/ab/cd", "/ab/ef", "/ab/fg"), filtered(new FilterKeyPrefix("/ab/")));
        assertEquals("PREFIX(\"/ab/\")", new FilterKeyPrefix("/ab/").toString());
    }

    @Test
    void filterValueCompare() {
        byte[] v = "/ab".getBytes();
        assertEquals(List.of("/ab"), filtered(new FilterValueCompare(Op.EQUAL, v)));
        assertEquals(List.of("/a"), filtered(new FilterValueCompare(Op.LESS_THAN, v)));
        FilterValueCompare f = new FilterValueCompare(Op.EQUAL, v);
        v[0] = 'x';
        assertArrayEquals("/ab".getBytes(), f.value(), "the filter copies its value");
        assertEquals(f, new FilterValueCompare(Op.EQUAL, "/ab".getBytes()));
        assertEquals(f.hashCode(), new FilterValueCompare(Op.EQUAL, "/ab".getBytes()).hashCode());
        assertNotEquals(f, new FilterValueCompare(Op.NOT_EQUAL, "/ab".getBytes()));
        assertEquals("VALUE < \"a\\xffb\"", new FilterValueCompare(Op.LESS_THAN, new byte[] {'a', (byte) 0xff, 'b'}).toString());
        assertEquals("VALUE == \"\u00e9\\x00\"", new FilterValueCompare(Op.EQUAL, new byte[] {(byte) 0xc3, (byte) 0xa9, 0}).toString());
        assertEquals("VALUE == \"\\xe0\\x80\\x80\"", new FilterValueCompare(Op.EQUAL, new byte[] {(byte) 0xe0, (byte) 0x80, (byte) 0x80}).toString(), "overlong");
        assertEquals("VALUE == \"\\xed\\xa0\\x80\"", new FilterValueCompare(Op.EQUAL, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}).toString(), "surrogate");
        assertEquals("VALUE == \"\\xf0\"", new FilterValueCompare(Op.EQUAL, new byte[] {(byte) 0xf0}).toString(), "truncated");
        assertEquals("VALUE == \"\\U000e0001\"", new FilterValueCompare(Op.EQUAL, new String(Character.toChars(0xE0001)).getBytes()).toString());
        assertTrue(new FilterValueCompare(Op.EQUAL, new byte[0]).filter(Entry.keyOnly("/k", -1)), "a missing value compares as empty");
    }

    @Test
    void ops() {
        for (Op op : Op.values()) {
            assertEquals(op, Op.ofSymbol(op.symbol()));
            assertEquals(op.symbol(), op.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> Op.ofSymbol("~="));
        assertTrue(Op.NOT_EQUAL.test(1));
        assertFalse(Op.NOT_EQUAL.test(0));
    }
}
