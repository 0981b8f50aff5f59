package io.github.blobds.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.blobds.datastore.Key;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a whole spec tree, collecting every problem: dispatches each datastore spec on its
 * {@code "type"}, reports unknown fields once the type that owns an object has read it, checks what no
 * single type can see (two datastores in one directory, one image described two ways), and throws one
 * {@link SpecException} listing everything, sorted by JSON path.
 */
final class SpecParser {

    static final String DATASTORE_SPEC = "datastore spec";
    static final DatastoreSpec INVALID = new InvalidSpec();

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, SpecType<?>> types;
    private final List<SpecProblem> problems = new ArrayList<>();
    private final Deque<List<SpecObject>> frames = new ArrayDeque<>();
    private final List<DirectoryUse> directories = new ArrayList<>();

    private SpecParser(Map<String, SpecType<?>> types) {
        this.types = types;
    }

    /** The spec at {@code root}, whose JSON path is {@code rootPath}. @throws SpecException listing every problem */
    static DatastoreSpec parse(Map<String, SpecType<?>> types, JsonNode root, String rootPath) {
        SpecParser parser = new SpecParser(types);
        DatastoreSpec spec = parser.parseSpec(root, rootPath);
        parser.checkDirectories();
        parser.throwIfProblems();
        return spec;
    }

    /** Throws the problems of a spec that could not even be read (syntax errors). */
    static SpecException failure(String path, String message) {
        return new SpecException(List.of(new SpecProblem(path, message)));
    }

    DatastoreSpec parseSpec(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            problem(path, "expected a datastore spec (an object with a \"type\"), got " + describe(node));
            return INVALID;
        }
        SpecObject spec = new SpecObject(this, (ObjectNode) node, path, DATASTORE_SPEC);
        frames.push(new ArrayList<>());
        try {
            DatastoreSpec parsed = parseAs(spec);
            spec.checkUnknownFields();
            frames.peek().forEach(SpecObject::checkUnknownFields);
            return parsed;
        } finally {
            frames.pop();
        }
    }

    /** {@code object} read as a datastore spec; its unknown fields are checked by whoever made it. */
    DatastoreSpec parseAs(SpecObject object) {
        JsonNode typeNode = object.value("type");
        if (typeNode == null || !typeNode.isTextual() || !types.containsKey(typeNode.textValue())) {
            object.typeUnknown();
        }
        if (typeNode == null) {
            object.missing("type", "a string: one of " + Suggestions.list(types.keySet()));
            return INVALID;
        }
        if (!typeNode.isTextual()) {
            object.wrongType("type", "a string: one of " + Suggestions.list(types.keySet()), typeNode);
            return INVALID;
        }
        String name = typeNode.textValue();
        SpecType<?> type = types.get(name);
        if (type == null) {
            problem(object.path("type"), "unknown datastore type \"" + name + "\"" + Suggestions.didYouMean(name, types.keySet())
                    + " (known types: " + Suggestions.list(types.keySet()) + ")");
            return INVALID;
        }
        object.becomeSpec(name);
        int before = problems.size();
        DatastoreSpec parsed;
        try {
            parsed = type.parse(object);
        } catch (TypeContractException e) {
            throw e;
        } catch (RuntimeException e) {
            // A record refusing a stand-in value repeats a problem already recorded; otherwise it is one.
            if (problems.stream().skip(before).noneMatch(p -> p.path().startsWith(object.path()))) {
                problem(object.path(), String.valueOf(e.getMessage()));
            }
            return INVALID;
        }
        if (parsed == null || !name.equals(parsed.type()) || !type.specClass().isInstance(parsed)) {
            throw new TypeContractException("spec type \"" + name + "\" (" + type.getClass().getName() + ") read "
                    + object.path() + " into " + parsed + ", not a " + type.specClass().getSimpleName() + " of type \"" + name + "\"");
        }
        return parsed;
    }

    /** A plain object inside the datastore spec being read, checked for unknown fields when that spec is done. */
    SpecObject object(ObjectNode node, String path, String what) {
        SpecObject object = new SpecObject(this, node, path, what);
        frames.peek().add(object);
        return object;
    }

    void problem(String path, String message) {
        problems.add(new SpecProblem(path, message));
    }

    void notePlacement(SpecObject owner, String directory, Optional<BlobFsPlacement> placement) {
        try {
            java.nio.file.Path.of(directory);
        } catch (java.nio.file.InvalidPathException e) {
            problem(owner.path("path"), "not a valid path: " + e.getMessage());
            return;
        }
        directories.add(new DirectoryUse(owner.path(), owner.path(BlobFsPlacement.FIELD), directory, placement));
    }

    /** One directory per datastore and file system; one description per image. */
    private void checkDirectories() {
        Map<String, DirectoryUse> byDirectory = new HashMap<>();
        Map<String, DirectoryUse> byImage = new HashMap<>();
        for (DirectoryUse use : directories) {
            String fileSystem = use.placement().map(BlobFsPlacement::key).orElse("repo");
            String directory = use.placement().isPresent() || !java.nio.file.Path.of(use.directory()).isAbsolute()
                    ? Key.of(use.directory()).toString() : "absolute " + Key.of(use.directory());
            DirectoryUse earlier = byDirectory.putIfAbsent(fileSystem + " " + directory, use);
            if (earlier != null) {
                problem(SpecParser.childPath(use.specPath(), "path"), "directory \"" + use.directory() + "\" is also used by the datastore at "
                        + earlier.specPath() + use.placement().map(p -> " on " + p.describe()).orElse(""));
            }
            if (use.placement().isPresent()) {
                BlobFsPlacement p = use.placement().get();
                DirectoryUse first = byImage.putIfAbsent(BlobFsPlacement.key(p), use);
                if (first != null && !BlobFsPlacement.describeAlike(first.placement().get(), p)) {
                    problem(use.placementPath(), p.describe() + " is described differently at " + first.placementPath()
                            + " (" + BlobFsPlacement.details(first.placement().get()) + " there, " + BlobFsPlacement.details(p)
                            + " here); every datastore on one " + (p instanceof BlobFsPlacement.Bdev ? "bdev" : "image")
                            + " must describe it alike");
                }
            }
        }
    }

    private void throwIfProblems() {
        if (!problems.isEmpty()) {
            List<SpecProblem> sorted = new ArrayList<>(problems);
            sorted.sort(Comparator.comparing(SpecProblem::path, SpecParser::comparePaths));
            throw new SpecException(sorted);
        }
    }

    /** The JSON path of {@code field} below {@code path}: {@code .name}, or {@code ['odd name']}. */
    static String childPath(String path, String field) {
        if (PLAIN_NAME.matcher(field).matches()) {
            return path + "." + field;
        }
        return path + "['" + field.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    /** What a JSON value is, for messages: {@code a string ("x")}, {@code a number (5)}, {@code an array}. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case STRING -> "a string (" + node + ")";
            case BOOLEAN -> "a boolean (" + node + ")";
            case NUMBER -> "a number (" + node + ")";
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** Orders JSON paths segment by segment, array indices numerically. */
    static int comparePaths(String a, String b) {
        List<String> sa = segments(a);
        List<String> sb = segments(b);
        for (int i = 0; i < Math.min(sa.size(), sb.size()); i++) {
            String x = sa.get(i);
            String y = sb.get(i);
            int c;
            if (isIndex(x) && isIndex(y)) {
                c = Long.compare(Long.parseLong(x.substring(1, x.length() - 1)), Long.parseLong(y.substring(1, y.length() - 1)));
            } else {
                c = x.compareTo(y);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(sa.size(), sb.size());
    }

    private static boolean isIndex(String segment) {
        return segment.length() > 2 && segment.charAt(0) == '[' && Character.isDigit(segment.charAt(1));
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '.' || path.charAt(i) == '[') {
                out.add(path.substring(start, i));
                start = i;
            }
        }
        return out;
    }

    /** A spec type broke its contract: a programming error, not a problem of the spec. */
    static final class TypeContractException extends IllegalStateException {
        TypeContractException(String message) {
            super(message);
        }
    }

    /** A datastore's directory, for the checks across the spec. */
    private record DirectoryUse(String specPath, String placementPath, String directory, Optional<BlobFsPlacement> placement) {
    }

    /** The stand-in for a spec that could not be read; never leaves the parser. */
    private record InvalidSpec() implements DatastoreSpec {
        @Override
        public String type() {
            return "invalid";
        }

        @Override
        public DiskSpec diskSpec() {
            return DiskSpec.NONE;
        }
    }
}
