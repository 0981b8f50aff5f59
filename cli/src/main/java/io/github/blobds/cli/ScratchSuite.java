package io.github.blobds.cli;

import io.github.blobds.conformance.DatastoreSuite;
import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.Key;
import org.quicktheories.core.Gen;

/**
 * go-datastore's suite ({@link DatastoreSuite}) on the datastore {@code conformance} is testing: the
 * JUnit Platform instantiates this class, which takes its factory from {@link #target}, set by
 * {@link SuiteRunner} for the duration of one run (runs are sequential).
 */
class ScratchSuite extends DatastoreSuite {

    /** The datastore of the current run. */
    static volatile SuiteTarget target;

    private final SuiteTarget current = target;

    @Override
    protected Datastore createDatastore() {
        return current.factory().get();
    }

    @Override
    protected int elemCount() {
        return current.elemCount();
    }

    @Override
    protected int modelExamples() {
        return current.modelExamples();
    }

    @Override
    protected Gen<Key> modelKeys() {
        return current.keys();
    }
}
