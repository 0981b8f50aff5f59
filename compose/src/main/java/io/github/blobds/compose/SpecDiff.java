package io.github.blobds.compose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** What differs between two disk specs, one JSON path per difference, for {@link SpecMismatchException}. */
final class SpecDiff {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SpecDiff() {
    }

    /** The differences between {@code onDisk} and {@code fromSpec}; empty when either is not JSON. */
    static List<String> differences(String onDisk, String fromSpec) {
        JsonNode a;
        JsonNode b;
        try {
            a = JSON.readTree(onDisk);
            b = JSON.readTree(fromSpec);
        } catch (JsonProcessingException e) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (a != null && b != null) {
            diff(a, b, "$", out);
        }
        return out;
    }

    private static void diff(JsonNode a, JsonNode b, String path, List<String> out) {
        if (a.equals(b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                compare(a.get(n), b.get(n), SpecParser.childPath(path, n), out);
            }
        } else if (a.isArray() && b.isArray()) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                compare(a.get(i), b.get(i), path + "[" + i + "]", out);
            }
        } else {
            compare(a, b, path, out);
        }
    }

    private static void compare(JsonNode a, JsonNode b, String path, List<String> out) {
        if (a != null && b != null && (a.isObject() && b.isObject() || a.isArray() && b.isArray())) {
            diff(a, b, path, out);
        } else if (a == null || b == null || !a.equals(b)) {
            out.add(path + ": " + (a == null ? "absent" : a.toString()) + " on disk, " + (b == null ? "absent" : b.toString()) + " in the spec");
        }
    }
}
