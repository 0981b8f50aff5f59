package io.github.blobds.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FeatureTest {

    // go-datastore features_test.go TestFeatureByName
    @Test
    void featureByName() {
        Feature f = Feature.byName("Batching").orElseThrow();
        assertEquals("Batching", f.featureName());
        assertSame(Batching.class, f.datastoreInterface());
        assertEquals(Optional.empty(), Feature.byName("UnknownFeature"));
    }

    // go-datastore features_test.go TestFeaturesForDatastore. Unlike go, wrappers show only the features
    // their child has, so Log(Map) is [Batching] where go reports five.
    @Test
    void featuresForDatastore() {
        assertEquals(List.of(Feature.BATCHING), Feature.of(new MapDatastore()));
        assertEquals(List.of(Feature.BATCHING, Feature.CHECKED, Feature.GC, Feature.PERSISTENT, Feature.SCRUBBED, Feature.TRANSACTION),
                Feature.of(new NullDatastore()));
        assertEquals(List.of(Feature.BATCHING), Feature.of(LogDatastore.wrap(new MapDatastore(), "")));
        assertEquals(List.of(Feature.BATCHING, Feature.CHECKED, Feature.GC, Feature.PERSISTENT, Feature.SCRUBBED, Feature.TRANSACTION),
                Feature.of(LogDatastore.wrap(new NullDatastore(), "")));
        assertEquals(List.of(), Feature.of(null));
    }

    // go-datastore scoped/scoped_test.go TestWithFeatures: scope-down and intersection
    @Test
    void scoped() {
        NullDatastore full = new NullDatastore();
        Datastore none = Feature.scoped(full, EnumSet.noneOf(Feature.class));
        assertEquals(List.of(), Feature.of(none));
        assertFalse(none instanceof Batching);
        Datastore some = Feature.scoped(full, EnumSet.of(Feature.SCRUBBED, Feature.BATCHING, Feature.CHECKED));
        assertEquals(List.of(Feature.BATCHING, Feature.CHECKED, Feature.SCRUBBED), Feature.of(some), "canonical order");
        assertEquals(List.of(Feature.BATCHING), Feature.of(Feature.scoped(full, new MapDatastore())), "intersection with a map");
        assertEquals(some, some, "a view equals itself");
        assertNotEquals(some, none);
        assertEquals(full.hashCode(), some.hashCode());
        assertEquals("NullDatastore", some.toString());
        assertThrows(NotFoundException.class, () -> some.get(Key.of("/x")), "exceptions pass through unwrapped");
    }

    @Test
    void forwardingBaseFailsLoudlyWhereTheChildLacksAFeature() {
        Datastore log = LogDatastore.wrap(new MapDatastore(), "x");
        ForwardingDatastore raw = new ForwardingDatastore(new MapDatastore()) { };
        for (Runnable call : List.<Runnable>of(raw::check, raw::scrub, raw::collectGarbage, raw::diskUsage, () -> raw.newTransaction(false))) {
            UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class, call::run);
            assertTrue(e.getMessage().contains("MapDatastore"), e::getMessage);
        }
        assertEquals(Feature.CHECKED, assertThrows(UnsupportedFeatureException.class, raw::check).feature());
        assertTrue(new UnsupportedFeatureException(Feature.BATCHING, "ds").getMessage().startsWith("this datastore does not support batching"));
        assertInstanceOf(Shim.class, log);
        assertEquals(0, PersistentDatastore.diskUsageOf(log));
        assertEquals(0, PersistentDatastore.diskUsageOf(new NullDatastore()));
        assertTrue(raw.toString().contains("MapDatastore"));
        assertTrue(Feature.PERSISTENT.isPresentIn(new NullDatastore()));
    }
}
