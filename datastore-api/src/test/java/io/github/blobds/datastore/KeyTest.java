package io.github.blobds.datastore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyTest {

    /** Go's path.Clean("/" + s), written independently of Key.clean: a stack over the segments. */
    static String goClean(String s) {
        List<String> stack = new ArrayList<>();
        for (String part : ("/" + s).split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!stack.isEmpty()) {
                    stack.remove(stack.size() - 1);
                }
            } else {
                stack.add(part);
            }
        }
        return "/" + String.join("/", stack);
    }

    // go-datastore key_test.go subtestKey
    static void subtestKey(String s) {
        Key k = Key.of(s);
        String fixed = goClean(s);
        List<String> namespaces = Arrays.asList(fixed.split("/", -1)).subList(1, fixed.split("/", -1).length);
        String lastNamespace = namespaces.get(namespaces.size() - 1);
        String[] lnparts = lastNamespace.split(":", -1);
        String ktype = lnparts.length > 1 ? String.join(":", Arrays.copyOf(lnparts, lnparts.length - 1)) : "";
        String kname = lnparts[lnparts.length - 1];
        String kparent = "/" + String.join("/", namespaces.subList(0, namespaces.size() - 1));
        String kpath = goClean(kparent + "/" + ktype);
        String kinstance = fixed + ":inst";

        assertEquals(fixed, k.toString(), "string of " + s);
        assertEquals(Key.of(s), k, "NewKey is deterministic");
        assertEquals(kname, k.name(), "name of " + s);
        assertEquals(ktype, k.type(), "type of " + s);
        assertEquals(kpath, k.path().toString(), "path of " + s);
        assertEquals(kinstance, k.instance("inst").toString(), "instance of " + s);
        assertEquals(goClean(fixed + "/cchildd"), k.child(Key.of("cchildd")).toString(), "child of " + s);
        assertEquals(fixed, k.child(Key.of("cchildd")).parent().toString(), "parent of child of " + s);
        assertEquals(goClean(fixed + "/cchildd"), k.child("cchildd").toString(), "child string of " + s);
        assertEquals(fixed, k.child("cchildd").parent().toString());
        assertEquals(kparent, k.parent().toString(), "parent of " + s);
        assertEquals(namespaces, k.namespaces(), "namespaces of " + s);
        assertEquals(k, k);
        assertNotEquals(Key.of("/fdsafdsa/" + s), k);
        assertFalse(k.isLessThan(k.parent()), "key not less than its parent");
        assertTrue(k.isLessThan(k.child("foo")), "key less than its child");
    }

    // go-datastore key_test.go TestKeyBasic
    @ParameterizedTest
    @ValueSource(strings = {"", "abcde", "disahfidsalfhduisaufidsail", "/fdisahfodisa/fdsa/fdsafdsafdsafdsa/fdsafdsa/",
        "4215432143214321432143214321", "/fdisaha////fdsa////fdsafdsafdsafdsa/fdsafdsa/", "abcde:fdsfd",
        "disahfidsalfhduisaufidsail:fdsa", "/fdisahfodisa/fdsa/fdsafdsafdsafdsa/fdsafdsa/:",
        "4215432143214321432143214321:", "fdisaha////fdsa////fdsafdsafdsafdsa/fdsafdsa/f:fdaf"})
    void keyBasic(String s) {
        subtestKey(s);
    }

    // go-datastore reference §2.4 edge-case table: input → cleaned key, type, name, parent, path
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "''|/|''|''|/|/", "/|/|''|''|/|/", "//|/|''|''|/|/", "///|/|''|''|/|/", ".|/|''|''|/|/", "./|/|''|''|/|/",
        "/.|/|''|''|/|/", "..|/|''|''|/|/", "/..|/|''|''|/|/", "a/..|/|''|''|/|/",
        "a|/a|''|a|/|/", "/a/|/a|''|a|/|/", "//a|/a|''|a|/|/", "/./a|/a|''|a|/|/", "../a|/a|''|a|/|/", "/../a|/a|''|a|/|/",
        "/a/b/..|/a|''|a|/|/", "/a/.b/..|/a|''|a|/|/", "/a//b|/a/b|''|b|/a|/a", "/a/./b|/a/b|''|b|/a|/a", "/a/b/|/a/b|''|b|/a|/a",
        "/a/../b|/b|''|b|/|/", "a/b/c/|/a/b/c|''|c|/a/b|/a/b", "a:b|/a:b|a|b|/|/a", "/a/b:c|/a/b:c|b|c|/a|/a/b",
        "/a/b:c:d|/a/b:c:d|b:c|d|/a|/a/b:c", ":|/:|''|''|/|/", "/...|/...|''|...|/|/", "/.a|/.a|''|.a|/|/",
        "' '|'/ '|''|' '|/|/", "/a\\b|/a\\b|''|a\\b|/|/"})
    void edgeCases(String input, String cleaned, String type, String name, String parent, String path) {
        Key k = Key.of(input);
        assertEquals(cleaned, k.toString(), "cleaned " + input);
        assertEquals(type, k.type(), "type of " + input);
        assertEquals(name, k.name(), "name of " + input);
        assertEquals(parent, k.parent().toString(), "parent of " + input);
        assertEquals(path, k.path().toString(), "path of " + input);
    }

    @Test
    void rootAndColonInstances() {
        assertEquals("/:inst", Key.of("").instance("inst").toString());
        assertEquals("/::inst", Key.of(":").instance("inst").toString());
        assertEquals("/:/cchildd", Key.of(":").child("cchildd").toString());
        assertEquals("/cchildd", Key.ROOT.child(Key.of("cchildd")).toString());
        assertEquals(List.of(""), Key.ROOT.namespaces());
        assertEquals(Key.ROOT, Key.ROOT.parent());
        assertTrue(Key.ROOT.isTopLevel());
        assertTrue(Key.of("/a").isTopLevel());
        assertFalse(Key.of("/a/b").isTopLevel());
        assertFalse(Key.ROOT.isAncestorOf(Key.ROOT), "root is not its own ancestor");
        assertTrue(Key.ROOT.isAncestorOf(Key.of("/a")));
        assertEquals(Key.of("/a"), Key.of("/a").child(Key.ROOT));
    }

    // go-datastore key_test.go TestKeyAncestry
    @Test
    void keyAncestry() {
        Key k1 = Key.of("/A/B/C");
        Key k2 = Key.of("/A/B/C/D");
        Key k3 = Key.of("/AB");
        Key k4 = Key.of("/A");
        assertEquals("/A/B/C", k1.toString());
        assertEquals("/A/B/C/D", k2.toString());
        assertTrue(k1.isAncestorOf(k2));
        assertTrue(k2.isDescendantOf(k1));
        assertTrue(k4.isAncestorOf(k2));
        assertTrue(k4.isAncestorOf(k1));
        assertFalse(k4.isDescendantOf(k2));
        assertFalse(k4.isDescendantOf(k1));
        assertFalse(k3.isDescendantOf(k4));
        assertFalse(k4.isAncestorOf(k3));
        assertTrue(k2.isDescendantOf(k4));
        assertTrue(k1.isDescendantOf(k4));
        assertFalse(k2.isAncestorOf(k4));
        assertFalse(k1.isAncestorOf(k4));
        assertFalse(k2.isAncestorOf(k2));
        assertFalse(k1.isAncestorOf(k1));
        assertEquals(k2, k1.child(Key.of("D")));
        assertEquals(k2, k1.child("D"));
        assertEquals(k1, k2.parent());
        assertEquals(k1.path(), k2.parent().path());
    }

    // go-datastore key_test.go TestType
    @Test
    void type() {
        Key k1 = Key.of("/A/B/C:c");
        Key k2 = Key.of("/A/B/C:c/D:d");
        assertTrue(k1.isAncestorOf(k2));
        assertTrue(k2.isDescendantOf(k1));
        assertEquals("C", k1.type());
        assertEquals("D", k2.type());
        assertEquals(k1.type(), k2.parent().type());
    }

    // go-datastore key_test.go TestRandom
    @Test
    void random() {
        Set<Key> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            Key k = Key.random();
            assertTrue(k.toString().matches("/[0-9a-f]{32}"), k::toString);
            assertTrue(keys.add(k), "random keys are distinct");
        }
    }

    // go-datastore key_test.go TestLess (go compares plain strings there; these hold for keys too)
    @ParameterizedTest
    @CsvSource({"/a/b/c,/a/b/c/d", "/a/b,/a/b/c/d", "/a,/a/b/c/d", "/a/a/c,/a/b/c", "/a/a/d,/a/b/c", "/a/b/c/d/e/f/g/h,/b", "/,/a"})
    void less(String a, String b) {
        assertTrue(Key.compareUtf8(a, b) < 0, a + " < " + b + " as strings");
        assertTrue(Key.of(a).isLessThan(Key.of(b)), a + " < " + b + " as keys");
        assertFalse(Key.of(b).isLessThan(Key.of(a)));
    }

    // reference §2.3: component-wise Key.compareTo versus byte-wise string comparison
    @ParameterizedTest
    @CsvSource({"/a/b,/a-b,-1,1", "/a b,/a/b,1,-1", "/a/z,/a.b,-1,1", "/a,/a/b,-1,-1", "/,/a,-1,-1",
        "/a/b/c/d/e/f/g/h,/b,-1,-1", "/A,/a,-1,-1", "/ab,/a/b,1,1", "/10key10,/1key1,-1,-1"})
    void compareVersusStringOrder(String a, String b, int keyOrder, int stringOrder) {
        assertEquals(keyOrder, Key.of(a).compareTo(Key.of(b)));
        assertEquals(stringOrder, Integer.signum(Key.compareUtf8(a, b)));
        assertEquals(-keyOrder, Key.of(b).compareTo(Key.of(a)));
        assertEquals(0, Key.of(a).compareTo(Key.of(a)));
    }

    @Test
    void utf8OrderDiffersFromUtf16() {
        String supplementary = new String(Character.toChars(0x1F600));
        String privateUse = "\uE000";
        assertTrue(supplementary.compareTo(privateUse) < 0, "UTF-16 order puts surrogates first");
        assertTrue(Key.compareUtf8(supplementary, privateUse) > 0, "UTF-8 order puts U+1F600 after U+E000");
        assertTrue(Key.of("/" + supplementary).compareTo(Key.of("/" + privateUse)) > 0);
    }

    // go-datastore key_test.go TestKeyMarshalJSON
    @Test
    void marshalJson() {
        assertEquals("\"/a/b/c\"", Key.of("/a/b/c").toJson());
        Key quoted = Key.raw("/shouldescapekey\"/with/quote");
        assertEquals("\"/shouldescapekey\\\"/with/quote\"", quoted.toJson());
        assertEquals(quoted, Key.fromJson(quoted.toJson()));
        assertEquals("\"/\\u003cb\\u003e\\u0026\\u2028\"", Key.raw("/<b>&\u2028").toJson());
        assertEquals("\"/\\n\\t\\r\\\\\\u0001\"", Key.raw("/\n\t\r\\\u0001").toJson());
        assertEquals("\"/\ufffd\"", Key.raw("/\ud800").toJson());
        String pair = new String(Character.toChars(0x1F600));
        assertEquals("\"/" + pair + "\"", Key.raw("/" + pair).toJson());
    }

    // go-datastore key_test.go TestKeyUnmarshalJSON
    @Test
    void unmarshalJson() {
        assertEquals(Key.of("/a/b/c"), Key.fromJson("\"/a/b/c\""));
        assertEquals("unexpected end of JSON input", assertThrows(InvalidKeyException.class, () -> Key.fromJson("")).getMessage());
        assertEquals("unexpected end of JSON input", assertThrows(InvalidKeyException.class, () -> Key.fromJson("\"")).getMessage());
        assertEquals(Key.ROOT, Key.fromJson("\"\""));
        assertEquals(Key.ROOT, Key.fromJson("null"));
        assertEquals(Key.of("/a/b"), Key.fromJson("\"a//b/\""), "unmarshalling cleans");
        assertEquals(Key.raw("/\u00e9\n\"/\\/\b\f\r\t"), Key.fromJson("\"/\\u00e9\\n\\\"\\/\\\\\\/\\b\\f\\r\\t\""));
        InvalidKeyException notString = assertThrows(InvalidKeyException.class, () -> Key.fromJson("42"));
        assertTrue(notString.getMessage().contains("42"), notString::getMessage);
        assertThrows(InvalidKeyException.class, () -> Key.fromJson("\"a\" x"));
        assertThrows(InvalidKeyException.class, () -> Key.fromJson("\"\\q\""));
        assertThrows(InvalidKeyException.class, () -> Key.fromJson("\"\\u12\""));
        assertThrows(InvalidKeyException.class, () -> Key.fromJson("\"\\uzzzz\""));
        assertThrows(InvalidKeyException.class, () -> Key.fromJson("\"\\"));
        assertThrows(InvalidKeyException.class, () -> Key.fromJson("\"\u0001\""));
        assertThrows(InvalidKeyException.class, () -> Key.fromJson(null));
    }

    // go-datastore key_test.go TestKey_RootNamespace
    @Test
    void rootNamespace() {
        assertEquals("", Key.raw("/").rootNamespace());
        assertEquals("Comedy", Key.of("/Comedy").rootNamespace());
        assertEquals("Comedy", Key.of("/Comedy/MontyPython/Actor:JohnCleese").rootNamespace());
        assertEquals("Comedy:MontyPython", Key.of("/Comedy:MontyPython").rootNamespace());
    }

    @Test
    void rawKeysAreValidatedNotCleaned() {
        assertEquals("/a//b", Key.raw("/a//b").toString(), "raw keeps // verbatim");
        assertEquals("/a/./b", Key.raw("/a/./b").toString());
        assertEquals(Key.ROOT, Key.raw(""));
        assertEquals(Key.ROOT, Key.raw("/"));
        InvalidKeyException noSlash = assertThrows(InvalidKeyException.class, () -> Key.raw("a/b"));
        assertTrue(noSlash.getMessage().contains("a/b"), noSlash::getMessage);
        InvalidKeyException trailing = assertThrows(InvalidKeyException.class, () -> Key.raw("/a/"));
        assertTrue(trailing.getMessage().contains("/a/"), trailing::getMessage);
        assertThrows(InvalidKeyException.class, () -> Key.raw(null));
        assertThrows(InvalidKeyException.class, () -> Key.of(null));
    }

    @Test
    void accessors() {
        Key k = Key.of("/Comedy/MontyPython/Actor:JohnCleese");
        assertEquals("Actor:JohnCleese", k.baseNamespace());
        assertEquals("Actor", k.type());
        assertEquals("JohnCleese", k.name());
        assertArrayEquals(k.toString().getBytes(StandardCharsets.UTF_8), k.bytes());
        assertEquals(Key.of("/Actor:JohnCleese/MontyPython/Comedy"), k.reverse());
        assertEquals(Key.ROOT, Key.ROOT.reverse());
        assertEquals(Key.of("/a/b/c"), Key.ofNamespaces(List.of("a", "b", "c")));
        assertEquals("Music:Song", Key.namespaceType("Music:Song:PhilosopherSong"));
        assertEquals("baz", Key.namespaceValue("f:b:baz"));
        assertEquals("", Key.namespaceValue("a:"));
        assertEquals("abc", Key.namespaceValue("abc"));
        assertEquals(Key.of("/a").hashCode(), Key.of("a").hashCode());
        assertNotEquals(Key.of("/a"), "/a");
        assertEquals(Key.of("/a"), Key.of("/a/b").child(".."));
    }
}
