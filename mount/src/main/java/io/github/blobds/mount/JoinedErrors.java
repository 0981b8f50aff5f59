package io.github.blobds.mount;

import io.github.blobds.datastore.DatastoreException;
import java.util.ArrayList;
import java.util.List;

/**
 * The errors of one operation run on several mounts, raised together as Go raises
 * {@code errors.Join(fmt.Errorf("<context>: %w", err), …)}: one {@link DatastoreException} whose message is
 * every {@code "<context>: <message>"} joined by newlines, caused by the first error, with the others
 * attached as suppressed.
 */
final class JoinedErrors {

    private final List<String> messages = new ArrayList<>();
    private final List<RuntimeException> errors = new ArrayList<>();

    /** Runs {@code action}, recording what it throws under {@code context}. */
    void run(String context, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            messages.add(context + ": " + e.getMessage());
            errors.add(e);
        }
    }

    /** Throws the joined error, if any was recorded. */
    void throwIfAny() {
        if (errors.isEmpty()) {
            return;
        }
        DatastoreException joined = new DatastoreException(String.join("\n", messages), errors.get(0));
        for (RuntimeException e : errors.subList(1, errors.size())) {
            joined.addSuppressed(e);
        }
        throw joined;
    }
}
