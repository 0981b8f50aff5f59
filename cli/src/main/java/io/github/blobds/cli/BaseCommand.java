package io.github.blobds.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A subcommand: returns its exit code, and reaches the run's {@link Console} through the root command. */
abstract class BaseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    final Console console() {
        return ((BlobdsCommand) spec.root().userObject()).console();
    }

    /** A progress or warning line on standard error. */
    final void note(String line) {
        console().err().println(line);
        console().err().flush();
    }
}
