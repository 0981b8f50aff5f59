package io.github.blobds.compose;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes written for people: {@code "8GiB"}, {@code "500 MB"}, {@code "4096"}. Units are case-insensitive;
 * {@code KB MB GB TB} are powers of 1000 (as in kubo's {@code StorageMax: "10GB"}), {@code KiB MiB GiB TiB}
 * powers of 1024, {@code B} or none bytes. A fraction is allowed when the result is whole bytes.
 */
final class ByteSize {

    private static final Pattern SIZE = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z]*)\\s*");
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("b", 1L),
            Map.entry("kb", 1_000L), Map.entry("mb", 1_000_000L), Map.entry("gb", 1_000_000_000L), Map.entry("tb", 1_000_000_000_000L),
            Map.entry("kib", 1L << 10), Map.entry("mib", 1L << 20), Map.entry("gib", 1L << 30), Map.entry("tib", 1L << 40));

    private ByteSize() {
    }

    /** The bytes {@code text} names. @throws IllegalArgumentException saying what is wrong */
    static long parse(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: \"" + text + "\" (write bytes, or a number and a unit such as \"8GiB\" or \"500MB\")");
        }
        Long unit = UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
        if (unit == null) {
            throw new IllegalArgumentException("unknown unit \"" + m.group(2) + "\" in size \"" + text
                    + "\" (units: B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)");
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        try {
            return bytes.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("size \"" + text + "\" is not a whole number of bytes that fits 63 bits");
        }
    }

    /** {@code bytes} in the largest binary unit that divides it ({@code 8589934592} → {@code 8GiB}). */
    static String format(long bytes) {
        String[] units = {"TiB", "GiB", "MiB", "KiB"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (40 - 10 * i);
            if (bytes >= unit && bytes % unit == 0) {
                return bytes / unit + units[i];
            }
        }
        return bytes + "B";
    }
}
