package io.github.blobds.flatfs;

import io.github.blobds.datastore.InvalidKeyException;
import io.github.blobds.datastore.Key;
import java.util.Optional;

/** The keys flatfs can hold and their file names (go-ds-flatfs v0.6.1 {@code key.go}, {@code encode}/{@code decode}). */
final class FlatfsKeys {

    /** The extension of every data file (go's {@code extension}). */
    static final String EXTENSION = ".data";

    private FlatfsKeys() {
    }

    /**
     * go's {@code keyIsValid}: a slash followed by at least one of {@code 0-9 A-Z + - _ =}, so no lower
     * case, no nested namespaces and not the root key.
     */
    static boolean isValid(Key key) {
        return isValid(key.toString());
    }

    static boolean isValid(String ks) {
        if (ks.length() < 2 || ks.charAt(0) != '/') {
            return false;
        }
        for (int i = 1; i < ks.length(); i++) {
            char c = ks.charAt(i);
            boolean ok = c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c == '+' || c == '-' || c == '_' || c == '=';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** {@code key}, or an {@link InvalidKeyException} naming it (go's {@code ErrInvalidKey}). */
    static Key requireValid(Key key) {
        if (!isValid(key)) {
            throw new InvalidKeyException("key " + key + " not supported by flatfs: a flatfs key is \"/\" followed by one or more of 0-9 A-Z + - _ =");
        }
        return key;
    }

    /** The key's string without its leading slash. */
    static String noSlash(Key key) {
        return key.toString().substring(1);
    }

    /** The data file name of {@code key}: {@code <KEY>.data}. */
    static String fileName(Key key) {
        return noSlash(key) + EXTENSION;
    }

    /**
     * The key a data file name stands for (go's {@code decode}); empty for names that are not data
     * files ({@code put-…}, foreign files) or do not decode to a key flatfs can hold.
     */
    static Optional<Key> decode(String fileName) {
        if (!fileName.endsWith(EXTENSION)) {
            return Optional.empty();
        }
        String ks = "/" + fileName.substring(0, fileName.length() - EXTENSION.length());
        return isValid(ks) ? Optional.of(Key.raw(ks)) : Optional.empty();
    }
}
