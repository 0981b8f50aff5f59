package io.github.blobds.datastore;

/**
 * Puts user keys below {@code prefix} (go-datastore v0.9's {@code keytransform.PrefixTransform}).
 *
 * <p>As in go-datastore v0.9, a key that already lies below the prefix is not prefixed again, so with
 * prefix {@code /foo} the user keys {@code /x} and {@code /foo/x} are the same stored key
 * {@code /foo/x}, which reads back as {@code /x}. The transform preserves key order, which lets
 * {@link KeyTransformDatastore} leave key orders to the child.
 */
public record PrefixTransform(Key prefix) implements KeyTransform {

    public PrefixTransform {
        InvalidArgumentException.requireNonNull(prefix, "transform prefix");
    }

    @Override
    public Key convertKey(Key key) {
        return prefix.isAncestorOf(key) ? key : prefix.child(key);
    }

    /** @throws DatastoreException naming the key when it does not lie below the prefix */
    @Override
    public Key invertKey(Key key) {
        if (prefix.equals(Key.ROOT)) {
            return key;
        }
        if (!prefix.isAncestorOf(key)) {
            throw new DatastoreException("expected prefix " + prefix + " not found in key " + key);
        }
        return Key.raw(key.toString().substring(prefix.toString().length()));
    }
}
