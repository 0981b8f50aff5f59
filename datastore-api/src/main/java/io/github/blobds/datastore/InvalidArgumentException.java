package io.github.blobds.datastore;

/** An argument is not acceptable: {@code null}, out of range, or not supported by this datastore. The message names it. */
public class InvalidArgumentException extends DatastoreException {

    public InvalidArgumentException(String message) {
        super(message);
    }

    /** {@code value}, or an {@code InvalidArgumentException} saying that the argument {@code name} is null. */
    public static <T> T requireNonNull(T value, String name) {
        if (value == null) {
            throw new InvalidArgumentException(name + " is null");
        }
        return value;
    }

    /** {@code key}, or an {@link InvalidKeyException} saying that the key is null. */
    public static Key requireKey(Key key) {
        if (key == null) {
            throw new InvalidKeyException("key is null");
        }
        return key;
    }

    /** {@code value}, or an {@code InvalidArgumentException} saying that the value for {@code key} is null. */
    public static byte[] requireValue(Key key, byte[] value) {
        if (value == null) {
            throw new InvalidArgumentException("value for key " + key + " is null");
        }
        return value;
    }
}
