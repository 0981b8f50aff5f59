package io.github.blobds.cli;

/**
 * A failure the user can act on: bad input, a missing file, a repo that is not initialised. Its message
 * names the input that failed and is printed as is, without a stack trace.
 */
final class CliException extends RuntimeException {

    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
