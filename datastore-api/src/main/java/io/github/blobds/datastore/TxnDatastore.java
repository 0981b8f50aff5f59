package io.github.blobds.datastore;

/** A datastore with transactions (go-datastore's {@code TxnDatastore}). */
public interface TxnDatastore extends Datastore {

    /** A new transaction; a read-only one rejects writes. */
    Txn newTransaction(boolean readOnly);
}
