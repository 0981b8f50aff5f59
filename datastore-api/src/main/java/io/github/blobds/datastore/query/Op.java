package io.github.blobds.datastore.query;

/** A comparison operator of {@link FilterKeyCompare} and {@link FilterValueCompare} (go-datastore's {@code query.Op}). */
public enum Op {
    EQUAL("=="),
    NOT_EQUAL("!="),
    GREATER_THAN(">"),
    GREATER_THAN_OR_EQUAL(">="),
    LESS_THAN("<"),
    LESS_THAN_OR_EQUAL("<=");

    private final String symbol;

    Op(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as go-datastore writes it, such as {@code ">="}. */
    public String symbol() {
        return symbol;
    }

    /** Whether a comparison result {@code cmp} (negative, zero, positive) satisfies this operator. */
    public boolean test(int cmp) {
        return switch (this) {
            case EQUAL -> cmp == 0;
            case NOT_EQUAL -> cmp != 0;
            case GREATER_THAN -> cmp > 0;
            case GREATER_THAN_OR_EQUAL -> cmp >= 0;
            case LESS_THAN -> cmp < 0;
            case LESS_THAN_OR_EQUAL -> cmp <= 0;
        };
    }

    /** The operator written {@code symbol}. @throws IllegalArgumentException naming an unknown symbol */
    public static Op ofSymbol(String symbol) {
        for (Op op : values()) {
            if (op.symbol.equals(symbol)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown filter operator \"" + symbol + "\"");
    }

    @Override
    public String toString() {
        return symbol;
    }
}
