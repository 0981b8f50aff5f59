package io.github.blobds.cli;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of the suite on one datastore: tests passed, failed (a failing set-up, such as a datastore
 * that cannot be created, counts as one) and skipped (with the reason, such as batch tests on a
 * datastore that is not {@code Batching}).
 *
 * @param failures one line per failure: the test's name and the first line of its error
 */
record SuiteSummary(String name, int passed, int failed, int skipped, Duration time, List<String> failures) {

    int run() {
        return passed + failed;
    }

    /** {@code flatfs at /blocks   1166 tests: 1166 passed, 0 failed, 0 skipped (12.3 s)}. */
    String line(int nameWidth) {
        return String.format(Locale.ROOT, "%-" + Math.max(1, nameWidth) + "s %5d tests: %5d passed, %d failed, %d skipped (%.1f s)",
                name, run() + skipped, passed, failed, skipped, time.toMillis() / 1000.0);
    }
}
