package io.github.blobds.flatfs;

import io.github.blobds.datastore.InvalidArgumentException;
import io.github.blobds.datastore.Key;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Which directory a key's file lives in (go-ds-flatfs v0.6.1 {@code shard.go}, {@code ShardIdV1}). A
 * shard function is named by an identifier {@code /repo/flatfs/shard/v1/<name>/<n>}, which is what a
 * datastore's {@code SHARDING} file holds. It acts on the key without its leading slash:
 * <ul>
 *   <li>{@code prefix/n}: the first {@code n} characters, right-padded with {@code _}
 *       ({@code QUUX} → {@code QU}, {@code A} → {@code A_});</li>
 *   <li>{@code suffix/n}: the last {@code n} characters, left-padded with {@code _}
 *       ({@code QUUX} → {@code UX}, {@code A} → {@code _A});</li>
 *   <li>{@code next-to-last/n}: the {@code n} characters before the last one, left-padded with {@code _}
 *       ({@code QUUX} → {@code UU}, {@code AB} → {@code _A}, {@code A} → {@code __}); {@code next-to-last/2}
 *       is IPFS's default ({@link #DEFAULT}).</li>
 * </ul>
 * Immutable; equal when their identifiers are equal. Unlike go, a parameter below 1 is rejected (go
 * accepts {@code 0}, which would put data files into the root where queries never look, and panics on a
 * negative one).
 */
public final class ShardFunction {

    /** The prefix of every shard identifier (go's {@code PREFIX}). */
    public static final String PREFIX = "/repo/flatfs/shard/";

    /** IPFS's default, {@code /repo/flatfs/shard/v1/next-to-last/2} (go's {@code IPFS_DEF_SHARD}). */
    public static final ShardFunction DEFAULT = nextToLast(2);

    private static final Pattern GO_INT = Pattern.compile("[+-]?[0-9]+");

    private enum Kind {
        PREFIX("prefix"), SUFFIX("suffix"), NEXT_TO_LAST("next-to-last");

        final String id;

        Kind(String id) {
            this.id = id;
        }
    }

    private final Kind kind;
    private final int length;
    private final String padding;

    private ShardFunction(Kind kind, int length) {
        if (length < 1) {
            throw new InvalidShardFunctionException(
                    "invalid parameter: shard length " + length + " of " + kind.id + " must be at least 1");
        }
        this.kind = kind;
        this.length = length;
        this.padding = "_".repeat(kind == Kind.NEXT_TO_LAST ? length + 1 : length);
    }

    /** The first {@code length} characters of the key, padded with {@code _} (go's {@code Prefix}). */
    public static ShardFunction prefix(int length) {
        return new ShardFunction(Kind.PREFIX, length);
    }

    /** The last {@code length} characters of the key, padded with {@code _} (go's {@code Suffix}). */
    public static ShardFunction suffix(int length) {
        return new ShardFunction(Kind.SUFFIX, length);
    }

    /** The {@code length} characters before the key's last one, padded with {@code _} (go's {@code NextToLast}). */
    public static ShardFunction nextToLast(int length) {
        return new ShardFunction(Kind.NEXT_TO_LAST, length);
    }

    /**
     * The shard function named by {@code id} (go's {@code ParseShardFunc}): surrounding white space is
     * ignored. The error messages are go's: {@code empty shard identifier}, {@code invalid or no prefix in
     * shard identifier: …}, {@code invalid shard identifier: …}, {@code expected 'v1' for version string
     * got: …}, {@code invalid parameter: strconv.Atoi: parsing "…": invalid syntax} and {@code expected
     * 'prefix', 'suffix' or 'next-to-last' got: …}.
     *
     * @throws InvalidShardFunctionException when {@code id} names no shard function
     */
    public static ShardFunction parse(String id) {
        String str = InvalidArgumentException.requireNonNull(id, "shard identifier").strip();
        if (str.isEmpty()) {
            throw new InvalidShardFunctionException("empty shard identifier");
        }
        if (!str.startsWith(PREFIX)) {
            throw new InvalidShardFunctionException("invalid or no prefix in shard identifier: " + str);
        }
        str = str.substring(PREFIX.length());
        String[] parts = str.split("/", -1);
        if (parts.length != 3) {
            throw new InvalidShardFunctionException("invalid shard identifier: " + str);
        }
        if (!parts[0].equals("v1")) {
            throw new InvalidShardFunctionException("expected 'v1' for version string got: " + parts[0]);
        }
        int length = parseGoInt(parts[2]);
        for (Kind k : Kind.values()) {
            if (k.id.equals(parts[1])) {
                return new ShardFunction(k, length);
            }
        }
        throw new InvalidShardFunctionException("expected 'prefix', 'suffix' or 'next-to-last' got: " + parts[1]);
    }

    /** go's {@code strconv.Atoi} on a 64-bit platform, with its error texts. */
    private static int parseGoInt(String s) {
        if (!GO_INT.matcher(s).matches()) {
            throw new InvalidShardFunctionException("invalid parameter: strconv.Atoi: parsing " + JsonText.quote(s) + ": invalid syntax");
        }
        BigInteger n = new BigInteger(s.startsWith("+") ? s.substring(1) : s);
        if (n.bitLength() > 63) {
            throw new InvalidShardFunctionException("invalid parameter: strconv.Atoi: parsing " + JsonText.quote(s) + ": value out of range");
        }
        if (n.compareTo(BigInteger.ONE) < 0 || n.bitLength() > 31) {
            throw new InvalidShardFunctionException("invalid parameter: shard length " + s + " must be between 1 and " + Integer.MAX_VALUE);
        }
        return n.intValue();
    }

    /** The function's name: {@code prefix}, {@code suffix} or {@code next-to-last}. */
    public String name() {
        return kind.id;
    }

    /** The number of characters of a directory name. */
    public int length() {
        return length;
    }

    /** The directory name for the key string {@code noSlash} (a key without its leading slash). */
    public String apply(String noSlash) {
        InvalidArgumentException.requireNonNull(noSlash, "key string");
        return switch (kind) {
            case PREFIX -> (noSlash + padding).substring(0, length);
            case SUFFIX -> {
                String s = padding + noSlash;
                yield s.substring(s.length() - length);
            }
            case NEXT_TO_LAST -> {
                String s = padding + noSlash;
                int offset = s.length() - length - 1;
                yield s.substring(offset, offset + length);
            }
        };
    }

    /** The directory name for {@code key}: this function applied to the key without its leading slash. */
    public String apply(Key key) {
        return apply(InvalidArgumentException.requireKey(key).toString().substring(1));
    }

    /** The canonical identifier, {@code /repo/flatfs/shard/v1/<name>/<n>} (go's {@code String()}). */
    @Override
    public String toString() {
        return PREFIX + "v1/" + kind.id + "/" + length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShardFunction f && f.kind == kind && f.length == length;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + length;
    }
}
