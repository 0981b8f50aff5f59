package io.github.blobds.compose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.spi.Message;
import io.github.blobds.datastore.DatastoreException;
import io.github.blobds.datastore.InvalidArgumentException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads kubo's {@code Datastore.Spec} and makes datastore trees from it: the entry point of the module.
 *
 * <pre>{@code
 * Composer composer = Composer.create();
 * Composition spec = composer.parse(Files.readString(Path.of("spec.json")));   // or parseYaml, parse(Path)
 * spec.diskSpec();                                   // kubo's DiskSpec, what datastore_spec holds
 * try (Batching ds = spec.open(Path.of("repo"))) {   // writes or checks datastore_spec, creates the tree
 *     ds.put(Key.of("/blocks/CIQA"), block);
 * }
 * }</pre>
 *
 * <p><b>Types.</b> Each spec {@code "type"} is a {@link SpecType} contributed by a Guice
 * {@link SpecTypeModule}: the built-in {@code mount}, {@code measure}, {@code log}, {@code mem},
 * {@code flatfs} and {@code levelds}, plus every {@link Module} found with {@link ServiceLoader} (a
 * third-party type lists its module in {@code META-INF/services/com.google.inject.Module}) and the
 * modules given to the {@link Builder}. Guice builds the types; the composer binds its
 * {@link MeterRegistry} for them.
 *
 * <p><b>Validation</b> is strict and complete: an unknown type, an unknown field, a value of the wrong
 * JSON type, a missing required field or a refused value is a {@link SpecProblem} naming its JSON path
 * ({@code $.mounts[1].child.type}) and, for names, the closest known one and all of them; every problem
 * of the spec is reported in one {@link SpecException}. See {@link SpecObject} for the one leftover kubo's
 * own specs carry that is tolerated.
 *
 * <p>Immutable and safe for concurrent use once built.
 */
public final class Composer {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Map<String, SpecType<?>> types;

    private Composer(Map<String, SpecType<?>> types) {
        this.types = types;
    }

    /** A composer with the built-in types and those found with {@link ServiceLoader}, measuring on Micrometer's global registry. */
    public static Composer create() {
        return builder().build();
    }

    /** A builder for a composer with other modules, meter registry or class loader. */
    public static Builder builder() {
        return new Builder();
    }

    /** The registered type names, sorted. */
    public Set<String> typeNames() {
        return types.keySet();
    }

    /** The spec in JSON {@code json}. @throws SpecException listing every problem */
    public Composition parse(String json) {
        return parse(readTree(JSON, "JSON", InvalidArgumentException.requireNonNull(json, "spec")));
    }

    /** The spec in YAML {@code yaml} (the same tree as the JSON form). @throws SpecException listing every problem */
    public Composition parseYaml(String yaml) {
        return parse(readTree(YAML, "YAML", InvalidArgumentException.requireNonNull(yaml, "spec")));
    }

    /** The spec {@code spec}. @throws SpecException listing every problem */
    public Composition parse(JsonNode spec) {
        return new Composition(types, SpecParser.parse(types, spec, "$"));
    }

    /**
     * The spec in {@code file}: YAML when its name ends in {@code .yaml} or {@code .yml}, JSON otherwise.
     *
     * @throws SpecException      listing every problem
     * @throws DatastoreException when the file cannot be read
     */
    public Composition parse(Path file) {
        String text = read(file);
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") ? parseYaml(text) : parse(text);
    }

    /**
     * The spec in kubo's config file {@code configFile} (its {@code Datastore.Spec}; problems are named
     * from the file's root, {@code $.Datastore.Spec.mounts[0].path}). As kubo, refuses an old-style
     * {@code Datastore.Type} or {@code Datastore.Path} and a missing {@code Datastore.Spec}.
     *
     * @throws SpecException      listing every problem
     * @throws DatastoreException when the file cannot be read
     */
    public Composition parseKuboConfig(Path configFile) {
        JsonNode config = readTree(JSON, "JSON", read(configFile));
        JsonNode datastore = config.path("Datastore");
        if (!datastore.isObject()) {
            throw SpecParser.failure("$.Datastore", "required Datastore entry missing from config file " + configFile);
        }
        if (!datastore.path("Type").asText("").isEmpty() || !datastore.path("Path").asText("").isEmpty()) {
            throw SpecParser.failure("$.Datastore", "old-style datastore config detected (Datastore.Type or Datastore.Path);"
                    + " kubo and blobds read only Datastore.Spec");
        }
        JsonNode spec = datastore.get("Spec");
        if (spec == null || spec.isNull()) {
            throw SpecParser.failure("$.Datastore.Spec", "required Datastore.Spec entry missing from config file " + configFile);
        }
        return new Composition(types, SpecParser.parse(types, spec, "$.Datastore.Spec"));
    }

    /**
     * A composition of a spec built in code. Records check their own fields; a type this composer lacks
     * fails when the tree is created.
     */
    public Composition of(DatastoreSpec spec) {
        return new Composition(types, InvalidArgumentException.requireNonNull(spec, "spec"));
    }

    private static String read(Path file) {
        InvalidArgumentException.requireNonNull(file, "spec file");
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatastoreException("cannot read datastore spec " + file + ": " + e, e);
        }
    }

    private static JsonNode readTree(ObjectMapper mapper, String format, String text) {
        try {
            JsonNode node = mapper.readTree(text);
            return node == null ? mapper.missingNode() : node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw SpecParser.failure("$", "not valid " + format + where + ": " + e.getOriginalMessage());
        }
    }

    /** Builds a {@link Composer}. */
    public static final class Builder {

        private MeterRegistry meterRegistry = Metrics.globalRegistry;
        private final List<Module> modules = new ArrayList<>();
        private boolean discover = true;
        private ClassLoader classLoader;

        private Builder() {
        }

        /**
         * The registry {@code measure} specs record on; by default Micrometer's global registry, which,
         * like go-metrics without an implementation injected, keeps nothing until a registry is added to it.
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = InvalidArgumentException.requireNonNull(registry, "meter registry");
            return this;
        }

        /** Adds Guice modules, typically {@link SpecTypeModule}s, beside the built-in and discovered ones. */
        public Builder modules(Module... modules) {
            for (Module m : InvalidArgumentException.requireNonNull(modules, "modules")) {
                this.modules.add(InvalidArgumentException.requireNonNull(m, "module"));
            }
            return this;
        }

        /** Whether to add every {@link Module} {@link ServiceLoader} finds (default {@code true}). */
        public Builder discoverModules(boolean discover) {
            this.discover = discover;
            return this;
        }

        /** The class loader {@link ServiceLoader} searches (default: the thread's context class loader). */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = InvalidArgumentException.requireNonNull(classLoader, "class loader");
            return this;
        }

        /**
         * The composer.
         *
         * @throws DatastoreException when a module cannot be loaded or the modules do not fit together
         *                            (such as two contributing the same type name, which is named)
         */
        public Composer build() {
            List<Module> all = new ArrayList<>(List.of(new MountModule(), new MeasureModule(), new LogModule(), new MemModule(),
                    new FlatfsModule(), new LeveldbModule()));
            all.add(new AbstractModule() {
                @Override
                protected void configure() {
                    bind(MeterRegistry.class).toInstance(meterRegistry);
                    SpecTypeModule.specTypes(binder());
                }
            });
            all.addAll(modules);
            if (discover) {
                all.addAll(discovered());
            }
            try {
                Injector injector = Guice.createInjector(all);
                Map<String, SpecType<?>> types = injector.getInstance(com.google.inject.Key.get(new TypeLiteral<Map<String, SpecType<?>>>() { }));
                return new Composer(Collections.unmodifiableMap(new TreeMap<>(types)));
            } catch (CreationException e) {
                throw new DatastoreException("cannot assemble the spec types: " + e.getErrorMessages().stream()
                        .map(Message::getMessage).collect(Collectors.joining("; ")), e);
            }
        }

        private List<Module> discovered() {
            ClassLoader loader = classLoader != null ? classLoader : Thread.currentThread().getContextClassLoader();
            List<Module> found = new ArrayList<>();
            try {
                ServiceLoader.load(Module.class, loader).forEach(found::add);
            } catch (ServiceConfigurationError e) {
                throw new DatastoreException("cannot load the Guice modules listed in META-INF/services/" + Module.class.getName()
                        + ": " + e.getMessage(), e);
            }
            return found;
        }
    }
}
