package io.github.blobds.mount;

import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.ForwardingDatastore;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Forwards to a child and records the queries it receives and how many of their result sets were closed. */
final class TrackingDatastore extends ForwardingDatastore {

    final List<Query> queries = new ArrayList<>();
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();

    TrackingDatastore(Datastore child) {
        super(child);
    }

    @Override
    public Results query(Query query) {
        queries.add(query);
        Results r = super.query(query);
        opened.incrementAndGet();
        return Results.from(query, r::nextResult, () -> {
            closed.incrementAndGet();
            r.close();
        });
    }

    /** Whether every result set it handed out was closed. */
    boolean allClosed() {
        return opened.get() == closed.get();
    }
}
