package io.github.blobds.conformance;

/** RFC 4648 base32, upper case, padded with {@code =} (Go's {@code base32.StdEncoding}). */
final class Base32 {

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private Base32() {
    }

    static String encode(byte[] data) {
        StringBuilder sb = new StringBuilder((data.length + 4) / 5 * 8);
        for (int i = 0; i < data.length; i += 5) {
            int n = Math.min(5, data.length - i);
            long buf = 0;
            for (int j = 0; j < 5; j++) {
                buf = (buf << 8) | (j < n ? data[i + j] & 0xff : 0);
            }
            int chars = (n * 8 + 4) / 5;
            for (int j = 0; j < 8; j++) {
                sb.append(j < chars ? ALPHABET[(int) (buf >>> (35 - 5 * j)) & 31] : '=');
            }
        }
        return sb.toString();
    }
}
