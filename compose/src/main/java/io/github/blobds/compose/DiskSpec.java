package io.github.blobds.compose;

import io.github.blobds.datastore.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * kubo's {@code DiskSpec}: the minimal identity of what a spec keeps on disk, without runtime options
 * (for kubo's default spec, the flatfs shard function and the two paths, but not flatfs's {@code sync}).
 * Two specs with equal disk specs open the same data. {@link #toString()} is kubo's
 * {@code DiskSpec.String()}, Go's {@code json.Marshal} of the map: compact, keys sorted, Go's string
 * escaping — byte for byte what kubo writes to a repo's {@code datastore_spec}. {@link #NONE} is Go's
 * {@code nil} (the {@code mem} type's), written {@code null}.
 *
 * <p>Values are strings, booleans, integers ({@code Integer} or {@code Long}, kept as {@code Long}),
 * lists and maps with string keys of these, and {@code null}; anything else is refused. Immutable.
 */
public final class DiskSpec {

    /** No disk identity (Go's {@code nil} map): the {@code mem} type's disk spec. */
    public static final DiskSpec NONE = new DiskSpec(null);

    private final Map<String, Object> fields;

    private DiskSpec(Map<String, Object> fields) {
        this.fields = fields;
    }

    /**
     * The disk spec holding {@code fields} (deeply copied).
     *
     * @throws InvalidArgumentException for a value that is none of the kinds above
     */
    public static DiskSpec of(Map<String, ?> fields) {
        InvalidArgumentException.requireNonNull(fields, "disk spec fields");
        return new DiskSpec(copyMap(fields, "$"));
    }

    private static Map<String, Object> copyMap(Map<?, ?> map, String path) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (!(k instanceof String name)) {
                throw new InvalidArgumentException("disk spec key at " + path + " is not a string: " + k);
            }
            copy.put(name, copyValue(v, path + "." + name));
        });
        return Collections.unmodifiableMap(copy);
    }

    private static Object copyValue(Object v, String path) {
        return switch (v) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Integer i -> i.longValue();
            case Long l -> l;
            case DiskSpec d -> d.fields;
            case Map<?, ?> m -> copyMap(m, path);
            case List<?> list -> {
                List<Object> copy = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    copy.add(copyValue(list.get(i), path + "[" + i + "]"));
                }
                yield Collections.unmodifiableList(copy);
            }
            default -> throw new InvalidArgumentException("disk spec value at " + path + " is a " + v.getClass().getName()
                    + "; expected a string, boolean, integer, list, map or null");
        };
    }

    /** Whether this is {@link #NONE}. */
    public boolean isNone() {
        return fields == null;
    }

    /** The fields, unmodifiable; empty for {@link #NONE}. */
    public Map<String, Object> fields() {
        return fields == null ? Map.of() : fields;
    }

    /** The value of field {@code name}, if present. */
    public Optional<Object> get(String name) {
        return Optional.ofNullable(fields().get(name));
    }

    /**
     * These fields plus {@code name} set to {@code value} ({@link #NONE} counts as no fields, as kubo's
     * mount turns a {@code nil} child spec into an empty map before adding its {@code mountpoint}).
     */
    public DiskSpec with(String name, Object value) {
        InvalidArgumentException.requireNonNull(name, "disk spec field name");
        Map<String, Object> copy = new LinkedHashMap<>(fields());
        copy.put(name, value);
        return of(copy);
    }

    /** kubo's {@code DiskSpec.Bytes()}: the UTF-8 bytes of {@link #toString()}. */
    public byte[] bytes() {
        return toString().getBytes(StandardCharsets.UTF_8);
    }

    /** kubo's {@code DiskSpec.String()}: Go's {@code json.Marshal} of the map ({@code null} for {@link #NONE}). */
    @Override
    public String toString() {
        return GoJson.marshal(fields);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DiskSpec other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
