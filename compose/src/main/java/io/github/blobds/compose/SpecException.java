package io.github.blobds.compose;

import io.github.blobds.datastore.DatastoreException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A datastore spec is not valid. Every problem found is listed, each with its JSON path, not only the
 * first: the message has one line per problem.
 */
public final class SpecException extends DatastoreException {

    private final List<SpecProblem> problems;

    /** The exception listing {@code problems} (at least one). */
    public SpecException(List<SpecProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    private static String message(List<SpecProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a spec exception needs at least one problem");
        }
        if (problems.size() == 1) {
            return "invalid datastore spec: " + problems.getFirst();
        }
        return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n",
                "invalid datastore spec (" + problems.size() + " problems):\n", ""));
    }

    /** The problems, sorted by path. */
    public List<SpecProblem> problems() {
        return problems;
    }
}
