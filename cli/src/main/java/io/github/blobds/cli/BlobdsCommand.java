package io.github.blobds.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code blobds} command: repos made from kubo-style datastore specs ({@code init}, {@code put},
 * {@code get}, {@code has}, {@code rm}, {@code ls}, {@code du}, {@code metrics}), go-datastore's
 * conformance suite on a scratch copy of a repo's tree ({@code conformance}), and tools for Blobstore and
 * BlobFS images ({@code blobstore inspect|fsck}, {@code blobfs ls|cat|import|export}), and the side-by-side
 * comparison with its peers ({@code bench}).
 *
 * <p>Exit codes: 0 done (or yes), 1 no ({@code has} on a missing key, problems found by
 * {@code blobstore fsck}, failing {@code conformance} tests), 2 an error, named on standard error in one
 * line ({@code --verbose} adds the stack trace).
 */
@Command(name = "blobds", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "go-datastore on SPDK's Blobstore or its simulator: repos from kubo-style specs, image tools, conformance.",
        subcommands = {InitCommand.class, PutCommand.class, GetCommand.class, HasCommand.class, RmCommand.class, LsCommand.class,
                DuCommand.class, MetricsCommand.class, ConformanceCommand.class, BlobstoreCommand.class, BlobfsCommand.class,
                BenchCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Repo: --repo, else $BLOBDS_REPO, else ~/.blobds. Exit codes: 0 done or yes, 1 no (has: absent; fsck:"
                + " problems; conformance: failures), 2 error."})
public final class BlobdsCommand implements Runnable {

    private final Console console;

    @Spec
    CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
    boolean verbose;

    BlobdsCommand(Console console) {
        this.console = console;
    }

    /** Runs the command and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(run(Console.system(), args));
    }

    /** Runs the command on {@code console} and returns its exit code. */
    static int run(Console console, String... args) {
        CommandLine cl = commandLine(console);
        int code = cl.execute(args);
        console.out().flush();
        console.err().flush();
        return code;
    }

    /** The command line of {@code blobds}, writing to {@code console}. */
    static CommandLine commandLine(Console console) {
        BlobdsCommand root = new BlobdsCommand(console);
        CommandLine cl = new CommandLine(root);
        cl.setOut(new PrintWriter(new OutputStreamWriter(console.out(), StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(console.err(), StandardCharsets.UTF_8), true));
        cl.setExecutionExceptionHandler(new ErrorHandler(root));
        cl.setParameterExceptionHandler(new UsageHandler());
        cl.setExitCodeExceptionMapper(t -> ExitCodes.ERROR);
        return cl;
    }

    Console console() {
        return console;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }
}
