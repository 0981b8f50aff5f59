package io.github.blobds.datastore.query;

import io.github.blobds.datastore.DatastoreException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The results of a query (go-datastore's {@code query.Results}), produced lazily.
 *
 * <p>Iterate them as {@link Entry}s (an error result is thrown as its {@link DatastoreException} and ends
 * the iteration), as a {@link #stream()}, all at once with {@link #rest()}, or result by result with
 * {@link #nextResult()}. Running out of results closes them. {@link #close()} stops production early,
 * releases what the producer holds and is idempotent; after it no more results come.
 * {@link #query()} returns the very instance that was passed to {@code Datastore.query}.
 *
 * <p>One consumer at a time; {@code close()} may be called from another thread.
 */
public interface Results extends Iterable<Entry>, AutoCloseable {

    /** The query these results answer: the instance passed in. */
    Query query();

    /** The next entry or error; empty when exhausted or closed. */
    Optional<Result> nextResult();

    /** Stops production and releases resources; idempotent. */
    @Override
    void close();

    /** Entries one by one; an error result is thrown from {@code next()} and ends the iteration. */
    @Override
    default Iterator<Entry> iterator() {
        return new Iterator<>() {
            private Result pending;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (pending == null && !done) {
                    Optional<Result> r = nextResult();
                    if (r.isPresent()) {
                        pending = r.get();
                    } else {
                        done = true;
                    }
                }
                return pending != null;
            }

            @Override
            public Entry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("no more results for " + query());
                }
                Result r = pending;
                pending = null;
                if (r.isError()) {
                    done = true;
                    close();
                    throw r.error();
                }
                return r.entry();
            }
        };
    }

    /** The entries as a sequential stream; closing the stream closes these results. */
    default Stream<Entry> stream() {
        Spliterator<Entry> split = Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(split, false).onClose(this::close);
    }

    /** Every remaining entry; the first error result is thrown (after closing). */
    default List<Entry> rest() {
        List<Entry> out = new ArrayList<>();
        for (Entry e : this) {
            out.add(e);
        }
        return out;
    }

    /** Produces results for {@link #from}: the next one, or empty when there are no more. */
    @FunctionalInterface
    interface Source {
        Optional<Result> next();
    }

    /**
     * Results pulled from {@code source}. {@code onClose} runs exactly once: when the source is
     * exhausted or when the results are closed, whichever comes first. An exception thrown by the
     * source becomes one error result, after which the results end.
     */
    static Results from(Query query, Source source, Runnable onClose) {
        return new SourceResults(query, source, onClose);
    }

    /** Results over a list of entries (go-datastore's {@code ResultsWithEntries}). */
    static Results of(Query query, List<Entry> entries) {
        Iterator<Entry> it = List.copyOf(entries).iterator();
        return from(query, () -> it.hasNext() ? Optional.of(Result.of(it.next())) : Optional.empty(), () -> { });
    }

    /** Results over a list of results, errors included. */
    static Results ofResults(Query query, List<Result> results) {
        Iterator<Result> it = List.copyOf(results).iterator();
        return from(query, () -> it.hasNext() ? Optional.of(it.next()) : Optional.empty(), () -> { });
    }

    /** The same results answering another query (go-datastore's {@code ResultsReplaceQuery}). */
    static Results withQuery(Results results, Query query) {
        return from(query, results::nextResult, results::close);
    }
}
