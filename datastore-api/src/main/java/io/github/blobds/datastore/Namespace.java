package io.github.blobds.datastore;

/** go-datastore's {@code namespace} package: a datastore seen from below a key prefix. */
public final class Namespace {

    private Namespace() {
    }

    /**
     * {@code child} with every key stored below {@code prefix}: a put of {@code /x} stores
     * {@code prefix/x}; queries see only keys below the prefix, with the prefix removed. See
     * {@link PrefixTransform} for the v0.9 rule on keys that already carry the prefix.
     */
    public static Datastore wrap(Datastore child, Key prefix) {
        return KeyTransformDatastore.wrap(child, new PrefixTransform(prefix));
    }
}
