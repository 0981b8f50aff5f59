package io.github.blobds.cli;

import picocli.CommandLine.IVersionProvider;

/** The version of the {@code cli} jar (from its manifest; "development" when run from classes). */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = BlobdsCommand.class.getPackage().getImplementationVersion();
        return new String[] {"blobds " + (v == null ? "development" : v) + " (Java " + Runtime.version() + ")"};
    }
}
