package io.github.blobds.flatfs;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The little JSON flatfs reads and writes: quoted strings and the two fields of {@code diskUsage.cache}. */
final class JsonText {

    private static final Pattern DISK_USAGE = Pattern.compile("\"diskUsage\"\\s*:\\s*(-?[0-9]+)");
    private static final Pattern ACCURACY = Pattern.compile("\"accuracy\"\\s*:\\s*\"([^\"\\\\]*)\"");

    private JsonText() {
    }

    /** {@code s} double-quoted with {@code "}, {@code \} and control characters escaped (Go's {@code %q} for ASCII). */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** go's {@code json.Encoder} output for the cache: {@code {"diskUsage":N,"accuracy":"…"}} and a newline. */
    static String diskUsage(long diskUsage, DiskUsageAccuracy accuracy) {
        return "{\"diskUsage\":" + diskUsage + ",\"accuracy\":" + quote(accuracy.id()) + "}\n";
    }

    /** The {@code diskUsage} number of a cache file's text, if it has one. */
    static Optional<Long> diskUsageOf(String json) {
        Matcher m = DISK_USAGE.matcher(json);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(m.group(1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The {@code accuracy} of a cache file's text; {@link DiskUsageAccuracy#UNKNOWN} when absent or unknown. */
    static DiskUsageAccuracy accuracyOf(String json) {
        Matcher m = ACCURACY.matcher(json);
        return m.find() ? DiskUsageAccuracy.of(m.group(1)) : DiskUsageAccuracy.UNKNOWN;
    }
}
