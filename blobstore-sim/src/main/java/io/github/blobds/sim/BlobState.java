package io.github.blobds.sim;

/** An open blob: its metadata plus what the blobstore tracks while it is open. Guarded by the blobstore's lock. */
final class BlobState {

    final BlobMetadata md;
    /** md-relative pages of the chain as last persisted: root first. */
    int[] chainPages;
    long cleanNumClusters;
    int cleanNumExtentPages;
    boolean dirty;
    int openRef;

    BlobState(BlobMetadata md, int[] chainPages) {
        this.md = md;
        this.chainPages = chainPages;
        this.cleanNumClusters = md.numClusters;
        this.cleanNumExtentPages = md.numExtentPages;
    }
}
