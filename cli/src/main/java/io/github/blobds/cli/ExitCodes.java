package io.github.blobds.cli;

/**
 * The exit codes of {@code blobds}, as {@code grep} and {@code diff} use them: 0 yes or done, 1 no
 * ({@code has} on a missing key, {@code blobstore fsck} finding problems, {@code conformance} failing
 * tests), 2 trouble (a usage error, bad input, I/O errors).
 */
final class ExitCodes {

    static final int OK = 0;
    static final int NO = 1;
    static final int ERROR = 2;

    private ExitCodes() {
    }
}
