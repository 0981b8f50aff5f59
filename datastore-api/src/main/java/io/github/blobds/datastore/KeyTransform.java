package io.github.blobds.datastore;

import java.util.function.UnaryOperator;

/**
 * A pair of inverse key mappings (go-datastore's {@code keytransform.KeyTransform}): user keys are
 * converted before they reach the child datastore, and the child's keys inverted on the way back.
 */
public interface KeyTransform {

    /** The child's key for a user key. */
    Key convertKey(Key key);

    /** The user key for a child's key. */
    Key invertKey(Key key);

    /** A transform from two functions (go-datastore's {@code keytransform.Pair}). */
    static KeyTransform pair(UnaryOperator<Key> convert, UnaryOperator<Key> invert) {
        return new Pair(convert, invert);
    }

    /** Two functions as a {@link KeyTransform}. */
    record Pair(UnaryOperator<Key> convert, UnaryOperator<Key> invert) implements KeyTransform {
        @Override
        public Key convertKey(Key key) {
            return convert.apply(key);
        }

        @Override
        public Key invertKey(Key key) {
            return invert.apply(key);
        }
    }
}
