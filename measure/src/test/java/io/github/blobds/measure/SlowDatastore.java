package io.github.blobds.measure;

import io.github.blobds.datastore.ForwardingDatastore;
import io.github.blobds.datastore.Key;
import io.github.blobds.datastore.MapDatastore;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import io.micrometer.core.instrument.MockClock;
import java.time.Duration;

/**
 * A map datastore that advances a mock clock: by {@code callTime} in every put, sync, get and query
 * call, and by {@code resultTime} for every query result pulled. Time passes without sleeping.
 */
final class SlowDatastore extends ForwardingDatastore {

    private final MockClock clock;
    private final Duration callTime;
    private final Duration resultTime;

    SlowDatastore(MockClock clock, Duration callTime, Duration resultTime) {
        super(new MapDatastore());
        this.clock = clock;
        this.callTime = callTime;
        this.resultTime = resultTime;
    }

    @Override
    public void put(Key key, byte[] value) {
        clock.add(callTime);
        super.put(key, value);
    }

    @Override
    public void sync(Key prefix) {
        clock.add(callTime);
        super.sync(prefix);
    }

    @Override
    public byte[] get(Key key) {
        clock.add(callTime);
        return super.get(key);
    }

    @Override
    public Results query(Query query) {
        clock.add(callTime);
        Results results = super.query(query);
        return Results.from(query, () -> {
            clock.add(resultTime);
            return results.nextResult();
        }, results::close);
    }
}
