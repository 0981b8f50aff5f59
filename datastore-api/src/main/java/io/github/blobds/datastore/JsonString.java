package io.github.blobds.datastore;

/** The one JSON value the API reads: a string (or {@code null}), as Go's {@code json.Unmarshal} into a string. */
final class JsonString {

    private JsonString() {
    }

    /** The decoded string; {@code null} JSON gives {@code ""}. */
    static String parse(String json) {
        if (json == null) {
            throw new InvalidKeyException("JSON input is null");
        }
        String s = json.strip();
        if (s.isEmpty()) {
            throw new InvalidKeyException("unexpected end of JSON input");
        }
        if (s.equals("null")) {
            return "";
        }
        if (s.charAt(0) != '"') {
            throw new InvalidKeyException("cannot unmarshal " + Key.quote(json) + " into a key: not a JSON string");
        }
        StringBuilder out = new StringBuilder();
        int i = 1;
        while (true) {
            if (i >= s.length()) {
                throw new InvalidKeyException("unexpected end of JSON input");
            }
            char c = s.charAt(i++);
            if (c == '"') {
                break;
            }
            if (c < 0x20) {
                throw new InvalidKeyException("invalid character in JSON string " + Key.quote(json) + " at offset " + (i - 1));
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i >= s.length()) {
                throw new InvalidKeyException("unexpected end of JSON input");
            }
            char e = s.charAt(i++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (i + 4 > s.length()) {
                        throw new InvalidKeyException("unexpected end of JSON input");
                    }
                    try {
                        out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw new InvalidKeyException("invalid \\u escape in JSON string " + Key.quote(json));
                    }
                    i += 4;
                }
                default -> throw new InvalidKeyException("invalid escape \\" + e + " in JSON string " + Key.quote(json));
            }
        }
        if (i != s.length()) {
            throw new InvalidKeyException("invalid character after JSON string " + Key.quote(json) + " at offset " + i);
        }
        return out.toString();
    }
}
