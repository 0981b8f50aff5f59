package io.github.blobds.compose;

import io.github.blobds.datastore.Datastore;

/**
 * A kind of datastore spec, registered under its {@code "type"} name by a {@link SpecTypeModule}: reads
 * the spec's fields into a record and creates the datastore from it (kubo's {@code ConfigFromMap} plus
 * {@code DatastoreConfig.Create}).
 *
 * <p><b>Parsing</b> reads every field through {@link SpecObject}, whose accessors never throw: a missing
 * field, a value of the wrong JSON type or a value {@link SpecObject#problem refused} by the type is
 * recorded with its JSON path and a stand-in value is returned, so that parsing goes on and every
 * problem of the whole spec is reported at once. The record built from stand-ins is then discarded.
 * Fields the type never asks for are reported as unknown.
 *
 * <p><b>Creating</b> must give a datastore that is safe for concurrent use (kubo's
 * {@code repo.Datastore} "must be thread-safe"). Children are created through
 * {@link Assembly#create}; the datastore returned owns them and must close them when it is closed.
 *
 * @param <S> the record this type parses into
 */
public interface SpecType<S extends DatastoreSpec> {

    /** The record class of this type's specs. */
    Class<S> specClass();

    /** Reads the spec object (its {@code "type"} already matched). */
    S parse(SpecObject spec);

    /** Creates the datastore {@code spec} describes, with its directories resolved by {@code assembly}. */
    Datastore create(S spec, Assembly assembly);
}
