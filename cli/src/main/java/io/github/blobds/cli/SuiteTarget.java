package io.github.blobds.cli;

import io.github.blobds.datastore.Datastore;
import io.github.blobds.datastore.Key;
import java.util.function.Supplier;
import org.quicktheories.core.Gen;

/**
 * What {@link ScratchSuite} runs on: a factory of fresh datastores (each in a new scratch repo), the
 * model check's keys, go's {@code ElemCount} and the number of model-check sequences.
 */
record SuiteTarget(Supplier<Datastore> factory, Gen<Key> keys, int elemCount, int modelExamples) {
}
