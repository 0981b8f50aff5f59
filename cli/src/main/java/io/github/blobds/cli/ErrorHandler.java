package io.github.blobds.cli;

import io.github.blobds.blobstore.BlobstoreException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Prints a failure as one line on standard error, {@code blobds <command>: <message>}, and exits 2; {@code --verbose} adds the stack trace. */
final class ErrorHandler implements IExecutionExceptionHandler {

    private final BlobdsCommand root;

    ErrorHandler(BlobdsCommand root) {
        this.root = root;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        err.println(cl.getCommandSpec().qualifiedName() + ": " + message(e));
        if (root.verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.ERROR;
    }

    static String message(Throwable e) {
        Throwable t = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        if (t instanceof BlobstoreException b && !m.contains(Integer.toString(b.errno()))) {
            return m + " (errno " + b.errno() + ")";
        }
        return t instanceof CliException || t instanceof RuntimeException ? m : t.getClass().getSimpleName() + ": " + m;
    }
}
