package io.github.blobds.flatfs;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

/** What the ported go tests share: go's {@code tryAllShardFuncs} and small helpers. */
final class TestSupport {

    private TestSupport() {
    }

    /** go-ds-flatfs flatfs_test.go tryAllShardFuncs: prefix, suffix and next-to-last, each of length 2. */
    static Stream<ShardFunction> allShardFunctions() {
        return Stream.of(ShardFunction.prefix(2), ShardFunction.suffix(2), ShardFunction.nextToLast(2));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 4648 base32, upper case, padded (go's {@code base32.StdEncoding}). */
    static String base32(byte[] data) {
        final String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < data.length; i += 5) {
            int n = Math.min(5, data.length - i);
            long buf = 0;
            for (int j = 0; j < 5; j++) {
                buf = (buf << 8) | (j < n ? data[i + j] & 0xff : 0);
            }
            int chars = (n * 8 + 4) / 5;
            for (int j = 0; j < 8; j++) {
                sb.append(j < chars ? alphabet.charAt((int) (buf >>> (35 - 5 * j)) & 31) : '=');
            }
        }
        return sb.toString();
    }
}
