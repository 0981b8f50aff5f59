package io.github.blobds.cli;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte counts for people: {@code 1.5 MiB} out, {@code 256MiB} or {@code 500MB} in (the units of compose's specs). */
final class Sizes {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private static final Pattern SIZE = Pattern.compile("\\s*([0-9]+)\\s*([A-Za-z]*)\\s*");
    private static final Map<String, Long> FACTORS = Map.of("", 1L, "b", 1L, "kb", 1_000L, "mb", 1_000_000L, "gb", 1_000_000_000L,
            "kib", 1L << 10, "mib", 1L << 20, "gib", 1L << 30, "tib", 1L << 40, "tb", 1_000_000_000_000L);

    private Sizes() {
    }

    /** The bytes {@code text} names (a whole number and an optional unit). @throws CliException naming {@code what} */
    static long parse(String text, String what) {
        Matcher m = SIZE.matcher(text);
        Long factor = m.matches() ? FACTORS.get(m.group(2).toLowerCase(Locale.ROOT)) : null;
        if (factor == null) {
            throw new CliException(what + " " + text + " is not a size (write bytes, or a number and a unit such as 256MiB or 500MB)");
        }
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), factor);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new CliException(what + " " + text + " is too large");
        }
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        int unit = 0;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, UNITS[unit]);
    }
}
