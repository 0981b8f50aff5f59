package io.github.blobds.flatfs;

/** The {@code _README} written into a new datastore that uses IPFS's default shard function (go's {@code readme.go}, reworded). */
final class Readme {

    /** go's {@code README_FN}. */
    static final String FILE = "_README";

    static final String TEXT = """
            This directory is a flatfs datastore: a key-value store that keeps every
            value in a file of its own. It usually holds IPFS blocks, keyed by their
            CID in base32 (upper case, without the multibase prefix 'B').

            A value lives at

                <shard>/<KEY>.data

            where <KEY> is the key without its leading slash and <shard> is the
            directory chosen by the shard function named in the file SHARDING:

                /repo/flatfs/shard/v1/next-to-last/2

            that is, the two characters just before the key's last character
            (like git's objects directory, but taken from the end of the key,
            where hashes vary most). Keys shorter than three characters are padded
            on the left with '_'.

            For example, the block whose base32 CIDv1 is

                BAFKREIA22FLID5AJ2KU7URG47MDLROZIH6YF2KALU2PWEFPVI37YLKRSCA

            is stored, without its leading 'B', at

                SC/AFKREIA22FLID5AJ2KU7URG47MDLROZIH6YF2KALU2PWEFPVI37YLKRSCA.data

            Other entries: diskUsage.cache remembers the space used (JSON), and
            .temp/ holds files being written; it is emptied whenever the datastore
            is opened. Do not edit files by hand while the datastore is open.
            """;

    private Readme() {
    }
}
