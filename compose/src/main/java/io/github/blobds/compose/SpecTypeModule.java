package io.github.blobds.compose;

import com.google.inject.AbstractModule;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import io.github.blobds.datastore.InvalidArgumentException;

/**
 * A Guice module contributing one {@link SpecType} under its {@code "type"} name, to the map the
 * {@link Composer} reads (a {@code MapBinder<String, SpecType<?>>}). Each built-in type has one; a
 * third-party type ships its own subclass and lists it in
 * {@code META-INF/services/com.google.inject.Module}, where the composer finds it:
 *
 * <pre>{@code
 * public final class PebbleModule extends SpecTypeModule {
 *     public PebbleModule() {
 *         super("pebbleds", PebbleSpecType.class);
 *     }
 * }
 * }</pre>
 *
 * The type is built by Guice, so its constructor may {@code @Inject} what the composer binds (its
 * {@code MeterRegistry}) or what the module binds in {@link #configureType()}. Two modules contributing
 * the same name make the composer fail to build, naming it.
 */
public abstract class SpecTypeModule extends AbstractModule {

    private final String name;
    private final Class<? extends SpecType<?>> implementation;

    /** Contributes {@code implementation} under the type name {@code name}. */
    protected SpecTypeModule(String name, Class<? extends SpecType<?>> implementation) {
        this.name = InvalidArgumentException.requireNonNull(name, "spec type name");
        this.implementation = InvalidArgumentException.requireNonNull(implementation, "spec type implementation");
        if (name.isEmpty()) {
            throw new InvalidArgumentException("spec type name must not be empty");
        }
    }

    /** The type name this module contributes. */
    public final String typeName() {
        return name;
    }

    @Override
    protected final void configure() {
        specTypes(binder()).addBinding(name).to(implementation);
        configureType();
    }

    /** Further bindings the type needs; none by default. */
    protected void configureType() {
    }

    static MapBinder<String, SpecType<?>> specTypes(com.google.inject.Binder binder) {
        return MapBinder.newMapBinder(binder, new TypeLiteral<String>() { }, new TypeLiteral<SpecType<?>>() { });
    }
}
