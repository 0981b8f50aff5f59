package io.github.blobds.compose;

import io.github.blobds.datastore.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Go's {@code json.Marshal} for the values a {@link DiskSpec} holds ({@code map[string]any} of strings,
 * booleans, integers, lists, maps and {@code nil}): compact, map keys sorted byte-wise by their UTF-8
 * encoding, strings escaped as Go escapes them (with HTML escaping on, Go's default: {@code <},
 * {@code >} and {@code &} become the escapes {@code u003c}, {@code u003e}, {@code u0026}; U+2028 and U+2029
 * are escaped; control characters use {@code \b \f \n \r \t} or a {@code u00XX} escape; a lone surrogate,
 * which Go would see as invalid UTF-8, becomes the escape {@code ufffd}).
 */
final class GoJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoJson() {
    }

    static String marshal(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String s -> string(out, s);
            case Boolean b -> out.append(b ? "true" : "false");
            case Long l -> out.append(l.longValue());
            case Map<?, ?> m -> object(out, m);
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(out, list.get(i));
                }
                out.append(']');
            }
            default -> throw new IllegalArgumentException("not a disk spec value: " + value.getClass().getName());
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map) {
        List<String> keys = new ArrayList<>();
        for (Object k : map.keySet()) {
            keys.add((String) k);
        }
        keys.sort(Key::compareUtf8);
        out.append('{');
        boolean first = true;
        for (String k : keys) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, k);
            out.append(':');
            write(out, map.get(k));
        }
        out.append('}');
    }

    /** Go's {@code appendString} with {@code escapeHTML}. */
    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(out, c);
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(out, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append("\\ufffd");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void unicodeEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
    }
}
