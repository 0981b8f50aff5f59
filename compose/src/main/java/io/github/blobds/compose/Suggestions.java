package io.github.blobds.compose;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** "Did you mean" for misspelt names: the closest known name, and the list of all of them. */
final class Suggestions {

    private Suggestions() {
    }

    /**
     * The known name closest to {@code given}, if one is close: equal ignoring case, one a prefix of the
     * other ignoring case, or within an edit distance (insertions, deletions, substitutions and swaps of
     * neighbours, ignoring case) of {@code max(2, length / 3)}.
     */
    static Optional<String> closest(String given, Collection<String> known) {
        String g = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            String c = k.toLowerCase(Locale.ROOT);
            int d = distance(g, c);
            boolean prefix = !g.isEmpty() && (c.startsWith(g) || g.startsWith(c));
            if ((d <= Math.max(2, g.length() / 3) || prefix) && d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code ; did you mean "x"?} or nothing. */
    static String didYouMean(String given, Collection<String> known) {
        return closest(given, known).map(s -> "; did you mean \"" + s + "\"?").orElse("");
    }

    /** The names quoted, sorted, comma-separated. */
    static String list(Collection<String> names) {
        return names.stream().sorted().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
    }

    /** Optimal string alignment distance (Levenshtein plus transpositions of neighbours). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
