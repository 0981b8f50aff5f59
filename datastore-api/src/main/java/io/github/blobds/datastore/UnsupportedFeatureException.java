package io.github.blobds.datastore;

/** The datastore lacks an optional feature that was asked for (go-datastore's {@code ErrBatchUnsupported} and kin). */
public class UnsupportedFeatureException extends DatastoreException {

    private final Feature feature;

    public UnsupportedFeatureException(Feature feature, Object datastore) {
        super(message(feature, datastore));
        this.feature = feature;
    }

    private static String message(Feature feature, Object datastore) {
        if (feature == Feature.BATCHING) {
            return "this datastore does not support batching: " + datastore;
        }
        return "this datastore does not support feature " + feature.featureName() + ": " + datastore;
    }

    /** The feature that is missing. */
    public Feature feature() {
        return feature;
    }
}
