package io.github.blobds.compose;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.Shim;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.github.blobds.mount.MountDatastore;
import java.util.List;
import java.util.stream.Collectors;

/** Helpers of the compose tests. */
final class Specs {

    /** A composer with the built-in types only, measuring on a registry of its own. */
    static final Composer COMPOSER = Composer.builder().discoverModules(false).meterRegistry(new SimpleMeterRegistry()).build();

    private Specs() {
    }

    static DatastoreSpec parse(String json) {
        return COMPOSER.parse(json).spec();
    }

    /** The problems of the invalid spec {@code json}, as "path: message" strings. */
    static List<String> problems(String json) {
        return assertThrows(SpecException.class, () -> COMPOSER.parse(json)).problems().stream().map(SpecProblem::toString).toList();
    }

    /** The spec's root datastore inside a composed tree. */
    static Datastore root(Datastore composed) {
        return ((Shim) composed).children().getFirst();
    }

    /** The only child of a wrapper. */
    static Datastore child(Datastore wrapper) {
        List<Datastore> children = ((Shim) wrapper).children();
        if (children.size() != 1) {
            throw new AssertionError(wrapper + " has " + children.size() + " children");
        }
        return children.getFirst();
    }

    /**
     * The shape of a datastore tree: each node's class (from its {@code toString}, since feature-scoped
     * views are proxies), a mount's children with their prefixes, a wrapper's child in parentheses:
     * {@code MountDatastore[/blocks=MeasureDatastore(FlatfsDatastore), /=MeasureDatastore(LeveldbDatastore)]}.
     */
    static String shape(Datastore ds) {
        String name = kind(ds);
        if (ds instanceof MountDatastore m) {
            return name + m.mounts().stream().map(x -> x.prefix() + "=" + shape(x.datastore())).collect(Collectors.joining(", ", "[", "]"));
        }
        if (ds instanceof Shim s) {
            return name + s.children().stream().map(Specs::shape).collect(Collectors.joining(", ", "(", ")"));
        }
        return name;
    }

    private static String kind(Datastore ds) {
        String s = ds.toString();
        int end = s.length();
        for (char c : new char[] {'(', '[', ' ', '{'}) {
            int i = s.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return s.substring(0, end);
    }
}
