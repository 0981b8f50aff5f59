package io.github.blobds.flatfs;

import io.github.blobds.datastore.InvalidArgumentException;

/** A shard identifier names no shard function; the message is go-ds-flatfs's and quotes the identifier. */
public class InvalidShardFunctionException extends InvalidArgumentException {

    public InvalidShardFunctionException(String message) {
        super(message);
    }
}
