package io.github.blobds.compose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blobds.datastore.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** kubo's DiskSpec.String(): Go's json.Marshal of a map[string]any, byte for byte. */
class DiskSpecTest {

    @Test
    @DisplayName("Keys are sorted byte-wise by UTF-8, at every level, and the output is compact")
    void sortedCompact() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", List.of(true, false));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", "x");
        m.put("é", "e-acute");
        m.put("\uFFFD", "replacement");
        m.put("\uD83D\uDE00", "emoji");   // UTF-16 orders it before U+FFFD; UTF-8 (and Go) after
        m.put("B", inner);
        m.put("a", null);
        assertEquals("{\"B\":{\"a\":[true,false],\"z\":1},\"a\":null,\"b\":\"x\",\"é\":\"e-acute\",\"\uFFFD\":\"replacement\","
                + "\"\uD83D\uDE00\":\"emoji\"}", DiskSpec.of(m).toString());
    }

    @Test
    @DisplayName("Strings are escaped as Go escapes them, HTML characters included")
    void goEscaping() {
        String s = "<a href=\"x\">&</a>\\ \n\r\t\b\f\u0001\u001f\u007f \u2028\u2029 é \uD83D\uDE00 \uD800";
        assertEquals("{\"s\":\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\u003c/a\\u003e\\\\ \\n\\r\\t\\b\\f\\u0001\\u001f\u007f"
                + " \\u2028\\u2029 é \uD83D\uDE00 \\ufffd\"}", DiskSpec.of(Map.of("s", s)).toString());
    }

    @Test
    @DisplayName("NONE is Go's nil map: null, and an empty map once a field is added")
    void none() {
        assertEquals("null", DiskSpec.NONE.toString());
        assertTrue(DiskSpec.NONE.isNone());
        assertEquals(Map.of(), DiskSpec.NONE.fields());
        assertEquals("{\"mountpoint\":\"/\"}", DiskSpec.NONE.with("mountpoint", "/").toString());
        assertFalse(DiskSpec.of(Map.of()).isNone());
        assertEquals("{}", DiskSpec.of(Map.of()).toString());
    }

    @Test
    @DisplayName("Values are copied deeply and kept immutable; integers become longs; nested disk specs are their maps")
    void values() {
        Map<String, Object> m = new HashMap<>();
        m.put("n", 7);
        m.put("child", DiskSpec.of(Map.of("path", "blocks")));
        m.put("list", Arrays.asList(1L, "two", null, Map.of("k", false)));
        DiskSpec d = DiskSpec.of(m);
        m.put("n", 8);
        assertEquals("{\"child\":{\"path\":\"blocks\"},\"list\":[1,\"two\",null,{\"k\":false}],\"n\":7}", d.toString());
        assertEquals(Optional.of(7L), d.get("n"));
        assertEquals(Optional.empty(), d.get("missing"));
        assertThrows(UnsupportedOperationException.class, () -> d.fields().put("x", "y"));
        assertArrayEquals(d.toString().getBytes(StandardCharsets.UTF_8), d.bytes());
    }

    @Test
    @DisplayName("Anything but strings, booleans, integers, lists, maps and null is refused, naming where")
    void refused() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> DiskSpec.of(Map.of("a", Map.of("b", 1.5))));
        assertTrue(e.getMessage().contains("$.a.b"), e.getMessage());
        assertThrows(InvalidArgumentException.class, () -> DiskSpec.of(Map.of("a", List.of(new Object()))));
        assertThrows(InvalidArgumentException.class, () -> DiskSpec.of(Map.of("a", Map.of(1, "x"))));
        assertThrows(InvalidArgumentException.class, () -> DiskSpec.of(null));
        assertThrows(InvalidArgumentException.class, () -> DiskSpec.NONE.with(null, "x"));
    }

    @Test
    @DisplayName("Equal when their JSON is equal, whatever the insertion order")
    void equality() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("x", 1);
        a.put("y", 2);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("y", 2);
        b.put("x", 1);
        assertEquals(DiskSpec.of(a), DiskSpec.of(b));
        assertEquals(DiskSpec.of(a).hashCode(), DiskSpec.of(b).hashCode());
        assertNotEquals(DiskSpec.of(a), DiskSpec.NONE);
        assertNotEquals(DiskSpec.of(a), "{\"x\":1,\"y\":2}");
    }
}
