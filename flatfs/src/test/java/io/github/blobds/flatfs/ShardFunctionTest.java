package io.github.blobds.flatfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.blobds.datastore.InvalidArgumentException;
import io.github.blobds.datastore.Key;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShardFunctionTest {

    @ParameterizedTest(name = "{0}({1}) of {2} is {3}")
    @CsvSource({
        "prefix, 2, QUUX, QU",
        "prefix, 2, A, A_",
        "suffix, 2, QUUX, UX",
        "suffix, 2, A, _A",
        "next-to-last, 2, QUUX, UU",
        "next-to-last, 2, AB, _A",
        "next-to-last, 2, A, __",
        "next-to-last, 2, AFKREIA22FLID5AJ2KU7URG47MDLROZIH6YF2KALU2PWEFPVI37YLKRSCA, SC",
        "next-to-last, 3, AFKREIA22FLID5AJ2KU7URG47MDLROZIH6YF2KALU2PWEFPVI37YLKRSCA, RSC",
        "next-to-last, 1, ABC, B",
    })
    @DisplayName("The shard functions cut and pad as go-ds-flatfs's shard.go does")
    void apply(String name, int n, String key, String dir) {
        ShardFunction f = ShardFunction.parse(ShardFunction.PREFIX + "v1/" + name + "/" + n);
        assertEquals(dir, f.apply(key));
        assertEquals(dir, f.apply(Key.of("/" + key)));
        assertEquals(name, f.name());
        assertEquals(n, f.length());
    }

    @Test
    @DisplayName("Identifiers render canonically and parse back; the default is next-to-last/2")
    void identifiers() {
        assertEquals("/repo/flatfs/shard/v1/next-to-last/2", ShardFunction.DEFAULT.toString());
        assertEquals("/repo/flatfs/shard/v1/prefix/5", ShardFunction.prefix(5).toString());
        assertEquals("/repo/flatfs/shard/v1/suffix/1", ShardFunction.suffix(1).toString());
        assertEquals(ShardFunction.nextToLast(2), ShardFunction.parse("  /repo/flatfs/shard/v1/next-to-last/2\n"));
        assertEquals(ShardFunction.prefix(3), ShardFunction.parse("/repo/flatfs/shard/v1/prefix/+3"));
        assertEquals(ShardFunction.prefix(3).hashCode(), ShardFunction.parse("/repo/flatfs/shard/v1/prefix/03").hashCode());
        assertNotEquals(ShardFunction.prefix(2), ShardFunction.suffix(2));
        assertNotEquals(ShardFunction.prefix(2), ShardFunction.prefix(3));
        assertNotEquals(ShardFunction.prefix(2), "/repo/flatfs/shard/v1/prefix/2");
    }

    // go-ds-flatfs flatfs_test.go TestInvalidPrefix, and every error of shard.go ParseShardFunc with go's text.
    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/bad/prefix/v1/next-to-last/2 | invalid or no prefix in shard identifier: /bad/prefix/v1/next-to-last/2",
        "'   '                         | empty shard identifier",
        "/repo/flatfs/shard/v1/prefix  | invalid shard identifier: v1/prefix",
        "/repo/flatfs/shard/v1/a/b/c   | invalid shard identifier: v1/a/b/c",
        "/repo/flatfs/shard/v2/prefix/2 | expected 'v1' for version string got: v2",
        "/repo/flatfs/shard/v1/prefix/x | 'invalid parameter: strconv.Atoi: parsing \"x\": invalid syntax'",
        "/repo/flatfs/shard/v1/prefix/99999999999999999999 | 'invalid parameter: strconv.Atoi: parsing \"99999999999999999999\": value out of range'",
        "/repo/flatfs/shard/v1/middle/2 | expected 'prefix', 'suffix' or 'next-to-last' got: middle",
        "/repo/flatfs/shard/v1/prefix/0 | invalid parameter: shard length 0 must be between 1 and 2147483647",
        "/repo/flatfs/shard/v1/prefix/-1 | invalid parameter: shard length -1 must be between 1 and 2147483647",
        "/repo/flatfs/shard/v1/prefix/4294967296 | invalid parameter: shard length 4294967296 must be between 1 and 2147483647",
    })
    void parseErrors(String id, String message) {
        InvalidShardFunctionException e = assertThrows(InvalidShardFunctionException.class, () -> ShardFunction.parse(id));
        assertEquals(message, e.getMessage());
    }

    @Test
    @DisplayName("Null and out-of-range arguments raise typed errors")
    void badArguments() {
        assertThrows(InvalidArgumentException.class, () -> ShardFunction.parse(null));
        assertThrows(InvalidArgumentException.class, () -> ShardFunction.DEFAULT.apply((String) null));
        assertThrows(InvalidArgumentException.class, () -> ShardFunction.DEFAULT.apply((Key) null));
        InvalidShardFunctionException e = assertThrows(InvalidShardFunctionException.class, () -> ShardFunction.suffix(0));
        assertEquals("invalid parameter: shard length 0 of suffix must be at least 1", e.getMessage());
        assertThrows(InvalidShardFunctionException.class, () -> ShardFunction.nextToLast(-2));
    }
}
