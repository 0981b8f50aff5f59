package io.github.blobds.datastore;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The optional datastore features, in go-datastore's canonical order ({@code Features()}). go-datastore's
 * {@code TTL} feature is not ported.
 */
public enum Feature {
    BATCHING("Batching", Batching.class),
    CHECKED("Checked", CheckedDatastore.class),
    GC("GC", GcDatastore.class),
    PERSISTENT("Persistent", PersistentDatastore.class),
    SCRUBBED("Scrubbed", ScrubbedDatastore.class),
    TRANSACTION("Transaction", TxnDatastore.class);

    private final String featureName;
    private final Class<? extends Datastore> datastoreInterface;

    Feature(String featureName, Class<? extends Datastore> datastoreInterface) {
        this.featureName = featureName;
        this.datastoreInterface = datastoreInterface;
    }

    /** go-datastore's name of the feature, such as {@code "Batching"}. */
    public String featureName() {
        return featureName;
    }

    /** The interface a datastore implements to have this feature, such as {@link Batching}. */
    public Class<? extends Datastore> datastoreInterface() {
        return datastoreInterface;
    }

    /** Whether {@code ds} has this feature. */
    public boolean isPresentIn(Datastore ds) {
        return datastoreInterface.isInstance(ds);
    }

    /** The feature with go-datastore's name {@code name} (case-sensitive), if any. */
    public static Optional<Feature> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.featureName.equals(name)).findFirst();
    }

    /** The features {@code ds} has, in canonical order; empty for {@code null}. */
    public static List<Feature> of(Datastore ds) {
        if (ds == null) {
            return List.of();
        }
        return Arrays.stream(values()).filter(f -> f.isPresentIn(ds)).toList();
    }

    /**
     * {@code wrapper} seen through only the features that it and every one of {@code children} have
     * (go-datastore's {@code scoped.Wrap}). A wrapper class implements every feature it could forward;
     * this view hides those its child lacks, so {@code instanceof Batching} tells the truth. Calls go
     * straight to {@code wrapper}; {@link Shim} is kept when the wrapper is one.
     */
    public static Datastore scoped(Datastore wrapper, Datastore... children) {
        EnumSet<Feature> features = EnumSet.noneOf(Feature.class);
        for (Feature f : values()) {
            if (Arrays.stream(children).allMatch(f::isPresentIn)) {
                features.add(f);
            }
        }
        return scoped(wrapper, features);
    }

    /** {@code wrapper} seen through those of {@code features} that it implements (and {@link Shim} if it is one). */
    public static Datastore scoped(Datastore wrapper, Collection<Feature> features) {
        List<Class<?>> interfaces = new ArrayList<>();
        interfaces.add(Datastore.class);
        if (wrapper instanceof Shim) {
            interfaces.add(Shim.class);
        }
        for (Feature f : values()) {
            if (f.isPresentIn(wrapper) && features.contains(f)) {
                interfaces.add(f.datastoreInterface);
            }
        }
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("equals") && method.getParameterCount() == 1) {
                return proxy == args[0] || wrapper.equals(args[0]);
            }
            try {
                return method.invoke(wrapper, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Datastore) Proxy.newProxyInstance(
                Datastore.class.getClassLoader(), interfaces.toArray(Class<?>[]::new), handler);
    }
}
