package io.github.blobds.datastore.query;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@link Results} pulled from a {@link Results.Source}; closes once, on exhaustion or {@code close()}. */
final class SourceResults implements Results {

    private final Query query;
    private final Source source;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    SourceResults(Query query, Source source, Runnable onClose) {
        this.query = query;
        this.source = source;
        this.onClose = onClose;
    }

    @Override
    public Query query() {
        return query;
    }

    @Override
    public Optional<Result> nextResult() {
        if (closed.get()) {
            return Optional.empty();
        }
        Optional<Result> next;
        try {
            next = source.next();
        } catch (RuntimeException e) {
            close();
            return Optional.of(Result.error(e));
        }
        if (next.isEmpty()) {
            close();
        }
        return next;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.run();
        }
    }

    @Override
    public String toString() {
        return "Results[" + query + "]";
    }
}
