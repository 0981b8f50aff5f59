package io.github.blobds.datastore.query;

/**
 * Keeps entries whose key string starts with {@code prefix}, raw: no cleaning and no {@code /} appended,
 * so {@code /a} matches {@code /ab} (unlike {@link Query#prefix()}).
 */
public record FilterKeyPrefix(String prefix) implements Filter {

    @Override
    public boolean filter(Entry entry) {
        return entry.key().startsWith(prefix);
    }

    @Override
    public String toString() {
        return "PREFIX(" + GoQuote.quote(prefix) + ")";
    }
}
