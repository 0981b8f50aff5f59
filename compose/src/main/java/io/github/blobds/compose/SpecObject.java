package io.github.blobds.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * One JSON object of a spec, as a {@link SpecType} reads it: typed accessors that record what is wrong
 * (with the field's JSON path) instead of throwing, and return a stand-in so that reading goes on.
 *
 * <p>Every field name asked for — present or not — becomes a known field of the object. When the whole
 * spec has been read, a field nobody asked for is reported as unknown, with the closest known name as a
 * "did you mean" and the known names listed. One leftover is tolerated: a {@code "prefix"} string on a
 * datastore spec whose type does not read {@code prefix}, which kubo's own specs carry (its default
 * spec's flatfs and levelds mounts have {@code "prefix": "flatfs.datastore"} and
 * {@code "leveldb.datastore"}, remnants of measure wrappers) and kubo ignores. A field set to
 * {@code null} counts as absent.
 *
 * <p>Not thread-safe: a spec is read by one thread.
 */
public final class SpecObject {

    /** kubo's leftover metric prefix, tolerated on datastore specs whose type has no such field. */
    static final String LEFTOVER_PREFIX = "prefix";

    private final SpecParser parser;
    private final ObjectNode node;
    private final String path;
    private String what;
    private boolean datastoreSpec;
    private boolean typeUnknown;
    private final Set<String> known = new TreeSet<>();

    SpecObject(SpecParser parser, ObjectNode node, String path, String what) {
        this.parser = parser;
        this.node = node;
        this.path = path;
        this.what = what;
    }

    /** This object's JSON path ({@code $.mounts[0]}). */
    public String path() {
        return path;
    }

    /** The JSON path of {@code field} in this object ({@code $.mounts[0].path}). */
    public String path(String field) {
        return SpecParser.childPath(path, field);
    }

    /** Whether {@code field} is present and not {@code null}. */
    public boolean has(String field) {
        return value(field) != null;
    }

    /** The string {@code field}; records a problem and returns {@code ""} when it is missing or not a string. */
    public String requiredString(String field) {
        JsonNode v = value(field);
        if (v == null) {
            missing(field, "a string");
            return "";
        }
        if (!v.isTextual()) {
            wrongType(field, "a string", v);
            return "";
        }
        return v.textValue();
    }

    /** The string {@code field} if present; records a problem when it is not a string. */
    public Optional<String> optionalString(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            wrongType(field, "a string", v);
            return Optional.empty();
        }
        return Optional.of(v.textValue());
    }

    /** The boolean {@code field}; records a problem and returns {@code false} when it is missing or not a boolean. */
    public boolean requiredBoolean(String field) {
        return optionalBoolean(field, true).orElse(false);
    }

    /** The boolean {@code field} if present; records a problem when it is not a boolean. */
    public Optional<Boolean> optionalBoolean(String field) {
        return optionalBoolean(field, false);
    }

    private Optional<Boolean> optionalBoolean(String field, boolean required) {
        JsonNode v = value(field);
        if (v == null) {
            if (required) {
                missing(field, "a boolean");
            }
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            wrongType(field, "a boolean", v);
            return Optional.empty();
        }
        return Optional.of(v.booleanValue());
    }

    /** The integer {@code field} if present; records a problem when it is not an integer that fits a {@code long}. */
    public OptionalLong optionalLong(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return OptionalLong.empty();
        }
        if (!v.isNumber() || !v.canConvertToExactIntegral() || !v.canConvertToLong()) {
            wrongType(field, "an integer", v);
            return OptionalLong.empty();
        }
        return OptionalLong.of(v.longValue());
    }

    /**
     * The object {@code field} if present, read like this one (its fields become known as they are asked
     * for, and unknown ones are reported); records a problem when it is not an object.
     *
     * @param what what the object is, for messages ({@code "blobfs placement"})
     */
    public Optional<SpecObject> optionalObject(String field, String what) {
        JsonNode v = value(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            wrongType(field, "an object (" + what + ")", v);
            return Optional.empty();
        }
        return Optional.of(parser.object((ObjectNode) v, path(field), what));
    }

    /**
     * The array {@code field} of objects, each read like this one; records a problem when the field is
     * missing or not an array, and for each element that is not an object (which is then left out).
     *
     * @param what what each element is, for messages ({@code "mount"})
     */
    public List<SpecObject> requiredObjectList(String field, String what) {
        JsonNode v = value(field);
        if (v == null) {
            missing(field, "an array of objects (" + what + ")");
            return List.of();
        }
        if (!v.isArray()) {
            wrongType(field, "an array of objects (" + what + ")", v);
            return List.of();
        }
        List<SpecObject> objects = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            String elementPath = path(field) + "[" + i + "]";
            if (e.isObject()) {
                objects.add(parser.object((ObjectNode) e, elementPath, what));
            } else {
                parser.problem(elementPath, "expected an object (" + what + "), got " + SpecParser.describe(e));
            }
        }
        return Collections.unmodifiableList(objects);
    }

    /** The datastore spec in {@code field} (a {@code "child"}); records problems and returns a stand-in when it is not valid. */
    public DatastoreSpec requiredSpec(String field) {
        JsonNode v = value(field);
        if (v == null) {
            missing(field, "an object (a datastore spec)");
            return SpecParser.INVALID;
        }
        return parser.parseSpec(v, path(field));
    }

    /**
     * This object read as a datastore spec too, for types whose entries carry a spec beside their own
     * fields (a mount entry is a spec plus its {@code mountpoint}): the fields known here and those the
     * spec's type asks for together make the known fields.
     */
    public DatastoreSpec asSpec() {
        return parser.parseAs(this);
    }

    /**
     * Where a datastore with the directory {@code directory} (the type's {@code "path"}) keeps it: reads
     * the optional {@code "blobfs"} field (a {@link BlobFsPlacement}) and checks that no other datastore of
     * the spec uses the same directory on the same file system.
     */
    public Optional<BlobFsPlacement> placement(String directory) {
        Optional<BlobFsPlacement> placement = optionalObject(BlobFsPlacement.FIELD, "blobfs placement").flatMap(BlobFsPlacement::read);
        parser.notePlacement(this, directory, placement);
        return placement;
    }

    /** Records a problem with {@code field} (a value the type refuses). */
    public void problem(String field, String message) {
        known.add(field);
        parser.problem(path(field), message);
    }

    /** Records a problem with this object as a whole. */
    public void problem(String message) {
        parser.problem(path, message);
    }

    /** The raw value of {@code field} (marking it known), {@code null} when absent or JSON null. */
    JsonNode value(String field) {
        known.add(field);
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    void missing(String field, String expected) {
        parser.problem(path(field), "missing required field (" + expected + ")");
    }

    void wrongType(String field, String expected, JsonNode actual) {
        parser.problem(path(field), "expected " + expected + ", got " + SpecParser.describe(actual));
    }

    /** Marks this object as the datastore spec of type {@code type}. */
    void becomeSpec(String type) {
        this.datastoreSpec = true;
        this.what = what.equals(SpecParser.DATASTORE_SPEC) ? type : type + " " + what;
    }

    /** Marks this object as a datastore spec whose type could not be read: its fields cannot be judged. */
    void typeUnknown() {
        this.typeUnknown = true;
    }

    /** Reports every field nobody asked for, except the tolerated leftover (and nothing when the type is unknown). */
    void checkUnknownFields() {
        if (typeUnknown) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (known.contains(field)) {
                continue;
            }
            boolean leftover = datastoreSpec && field.equals(LEFTOVER_PREFIX);
            if (leftover && node.get(field).isTextual()) {
                continue;
            }
            parser.problem(path(field), "unknown field of " + what + Suggestions.didYouMean(field, known)
                    + " (known fields: " + Suggestions.list(known) + ")"
                    + (leftover ? "; kubo's leftover \"prefix\" is ignored only when it is a string" : ""));
        }
    }
}
