package io.github.blobds.datastore.query;

/**
 * A query filter (go-datastore's {@code query.Filter}): keeps the entries it accepts. Filters of a
 * {@link Query} are applied in order, as an AND. Implementations should give a readable
 * {@code toString()}, which appears in {@link Query#toString()}.
 */
@FunctionalInterface
public interface Filter {

    /** Whether {@code entry} is kept. */
    boolean filter(Entry entry);
}
