package io.github.blobds.datastore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * A hierarchical datastore key, a port of go-datastore's {@code Key}: a slash-separated path such as
 * {@code /Comedy/MontyPython/Actor:JohnCleese}.
 *
 * <p>Keys are immutable values; equality is string equality. {@link #of(String)} cleans its input with
 * the rules of Go's {@code path.Clean} (implemented literally, not with {@link java.nio.file.Path}),
 * {@link #raw(String)} only validates. Ordering ({@link #compareTo}) is component-wise in UTF-8 byte
 * order, as Go's {@code Key.Compare}; note that query ordering ({@code OrderByKey}) compares whole key
 * strings byte-wise instead, and the two disagree for characters that sort below {@code '/'}.
 */
public final class Key implements Comparable<Key> {

    /** The root key {@code /}. */
    public static final Key ROOT = new Key("/");

    private final String value;

    private Key(String value) {
        this.value = value;
    }

    /** A key from {@code s}, cleaned like go-datastore's {@code NewKey}: {@code ""} is {@code /}, a leading {@code /} is implied. */
    public static Key of(String s) {
        if (s == null) {
            throw new InvalidKeyException("key string is null");
        }
        if (s.isEmpty()) {
            return ROOT;
        }
        return new Key(clean(s.charAt(0) == '/' ? s : "/" + s));
    }

    /**
     * A key from {@code s} without cleaning, like go-datastore's {@code RawKey}: {@code s} must start with
     * {@code /} and, unless it is {@code /}, must not end with one. Inner {@code //}, {@code .} and
     * {@code ..} are accepted verbatim.
     *
     * @throws InvalidKeyException naming {@code s} when it is not a valid raw key
     */
    public static Key raw(String s) {
        if (s == null) {
            throw new InvalidKeyException("key string is null");
        }
        if (s.isEmpty()) {
            return ROOT;
        }
        if (s.charAt(0) != '/' || (s.length() > 1 && s.charAt(s.length() - 1) == '/')) {
            throw new InvalidKeyException("invalid datastore key: " + quote(s));
        }
        return s.length() == 1 ? ROOT : new Key(s);
    }

    /** The key made of these namespaces, like go-datastore's {@code KeyWithNamespaces} (cleaned). */
    public static Key ofNamespaces(List<String> namespaces) {
        return of(String.join("/", namespaces));
    }

    /** A random key: {@code /} and 32 lower-case hex digits of a random UUID. */
    public static Key random() {
        return new Key("/" + UUID.randomUUID().toString().replace("-", ""));
    }

    /** The key string, for example {@code /a/b}. */
    @Override
    public String toString() {
        return value;
    }

    /** The key string's UTF-8 bytes (a fresh array). */
    public byte[] bytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The namespaces of this key, Go's {@code List()}: {@code /a/b} gives {@code [a, b]} and {@code /}
     * gives a list with one empty string.
     */
    public List<String> namespaces() {
        List<String> parts = new ArrayList<>();
        int start = 1;
        for (int i = 1; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == '/') {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        return Collections.unmodifiableList(parts);
    }

    /** The last namespace ({@code /a/b:c} gives {@code b:c}; {@code /} gives {@code ""}). */
    public String baseNamespace() {
        return value.substring(value.lastIndexOf('/') + 1);
    }

    /** The first namespace ({@code /a/b} gives {@code a}; {@code /} gives {@code ""}). */
    public String rootNamespace() {
        int next = value.indexOf('/', 1);
        return next < 0 ? value.substring(1) : value.substring(1, next);
    }

    /** The type of the base namespace: {@code /a/b:c:d} gives {@code b:c}; no colon gives {@code ""}. */
    public String type() {
        return namespaceType(baseNamespace());
    }

    /** The value of the base namespace: {@code /a/b:c:d} gives {@code d}; no colon gives the whole namespace. */
    public String name() {
        return namespaceValue(baseNamespace());
    }

    /** Go's {@code NamespaceType}: everything before the last {@code :}, or {@code ""} without one. */
    public static String namespaceType(String namespace) {
        int colon = namespace.lastIndexOf(':');
        return colon < 0 ? "" : namespace.substring(0, colon);
    }

    /** Go's {@code NamespaceValue}: everything after the last {@code :}, or the whole namespace without one. */
    public static String namespaceValue(String namespace) {
        return namespace.substring(namespace.lastIndexOf(':') + 1);
    }

    /** This key with {@code ":" + s} appended to its base namespace (cleaned). */
    public Key instance(String s) {
        return of(value + ":" + s);
    }

    /** The parent key with this key's {@link #type()} as last namespace. */
    public Key path() {
        return of(parent().value + "/" + type());
    }

    /** The parent key; the parent of a top-level key and of {@code /} is {@code /}. */
    public Key parent() {
        int last = value.lastIndexOf('/');
        return last <= 0 ? ROOT : of(value.substring(0, last));
    }

    /** {@code other} appended to this key, without cleaning (Go's {@code Child}). */
    public Key child(Key other) {
        if (this.equals(ROOT)) {
            return other;
        }
        if (other.equals(ROOT)) {
            return this;
        }
        return new Key(value + other.value);
    }

    /** {@code this + "/" + s}, cleaned (Go's {@code ChildString}): {@code ".."} gives the parent. */
    public Key child(String s) {
        return of(value + "/" + s);
    }

    /** Whether {@code other} lies strictly below this key: {@code /a} is an ancestor of {@code /a/b}, not of {@code /ab} or {@code /a}. */
    public boolean isAncestorOf(Key other) {
        String o = other.value;
        if (o.length() <= value.length()) {
            return false;
        }
        if (value.equals("/")) {
            return true;
        }
        return o.charAt(value.length()) == '/' && o.startsWith(value);
    }

    /** Whether this key lies strictly below {@code other}. */
    public boolean isDescendantOf(Key other) {
        return other.isAncestorOf(this);
    }

    /** Whether this key has one namespace ({@code /} and {@code /a} are top-level). */
    public boolean isTopLevel() {
        return value.indexOf('/', 1) < 0;
    }

    /** The key with its namespaces in reverse order: {@code /a/b/c} gives {@code /c/b/a}. */
    public Key reverse() {
        List<String> parts = new ArrayList<>(namespaces());
        Collections.reverse(parts);
        return ofNamespaces(parts);
    }

    /** Component-wise comparison in UTF-8 byte order; a key sorts before its descendants. */
    @Override
    public int compareTo(Key other) {
        List<String> a = namespaces();
        List<String> b = other.namespaces();
        for (int i = 0; i < a.size(); i++) {
            if (i >= b.size()) {
                return 1;
            }
            int c = compareUtf8(a.get(i), b.get(i));
            if (c != 0) {
                return c < 0 ? -1 : 1;
            }
        }
        return a.size() < b.size() ? -1 : 0;
    }

    /** Whether {@code compareTo(other) < 0}. */
    public boolean isLessThan(Key other) {
        return compareTo(other) < 0;
    }

    /** The key as a JSON string, escaped as Go's {@code json.Marshal} does. */
    public String toJson() {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> sb.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isSurrogate(c) && !validSurrogatePair(i)) {
                        sb.append('\ufffd');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private boolean validSurrogatePair(int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
    }

    /**
     * Parses a JSON string into a key and cleans it ({@code Key.of}), like Go's {@code UnmarshalJSON};
     * {@code null} and {@code ""} give {@code /}.
     *
     * @throws InvalidKeyException naming the input when it is not a JSON string
     */
    public static Key fromJson(String json) {
        return of(JsonString.parse(json));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key k && value.equals(k.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Compares two strings as Go does: by their UTF-8 bytes, which is code point order. */
    public static int compareUtf8(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
                    return Integer.compare(a.codePointAt(i), b.codePointAt(i));
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    /** Go's {@code path.Clean} for a rooted path (the caller prefixes {@code /}). */
    static String clean(String path) {
        String[] parts = path.split("/", -1);
        String[] out = new String[parts.length];
        int n = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (n > 0) {
                    n--;
                }
                continue;
            }
            out[n++] = part;
        }
        if (n == 0) {
            return "/";
        }
        return "/" + String.join("/", Arrays.asList(out).subList(0, n));
    }

    static String quote(String s) {
        return "\"" + s + "\"";
    }
}
