package io.github.blobds.bench;

import java.util.Locale;

/** The keys of the workloads: deterministic, spread like hashes, the same for every contender. */
final class BenchKeys {

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private BenchKeys() {
    }

    /** A 64-bit mix (MurmurHash3's fmix64) of {@code n}: distinct inputs give distinct outputs. */
    static long mix(long n) {
        long z = n;
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /**
     * The key of block {@code n}, shaped like kubo's flatfs keys of CIDs: {@code /CIQ} and 52 base32
     * characters (upper case, as flatfs stores them), so that {@code next-to-last/2} spreads them over
     * up to 1,024 shard directories.
     */
    static String block(long n) {
        StringBuilder sb = new StringBuilder(56).append("/CIQ");
        long bits = 0;
        int have = 0;
        int word = 0;
        while (sb.length() < 56) {
            if (have < 5) {
                bits = mix(n * 4 + word++ + 0x9e3779b97f4a7c15L);
                have = 64;
            }
            sb.append(BASE32[(int) (bits & 31)]);
            bits >>>= 5;
            have -= 5;
        }
        return sb.toString();
    }

    /** The 256 record prefixes: {@code /r/00} … {@code /r/ff}. */
    static String recordPrefix(int bucket) {
        return String.format(Locale.ROOT, "/r/%02x", bucket & 0xff);
    }

    /** The key of record {@code n}: {@code /r/<2 hex>/<16 hex>}, in hash order (puts land all over the key space). */
    static String record(long n) {
        long h = mix(n + 1);
        return recordPrefix((int) (h >>> 56)) + "/" + String.format(Locale.ROOT, "%016x", h);
    }
}
