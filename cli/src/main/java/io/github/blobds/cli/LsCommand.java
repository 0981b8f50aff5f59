package io.github.blobds.cli;

import io.github.blobds.datastore.Batching;
import io.github.blobds.datastore.query.Entry;
import io.github.blobds.datastore.query.Order;
import io.github.blobds.datastore.query.OrderByKey;
import io.github.blobds.datastore.query.OrderByKeyDescending;
import io.github.blobds.datastore.query.OrderByValue;
import io.github.blobds.datastore.query.OrderByValueDescending;
import io.github.blobds.datastore.query.Query;
import io.github.blobds.datastore.query.Results;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code blobds ls}: a go-datastore query, one line per entry, {@code key<TAB>size} (or the key alone
 * with {@code --keys-only}). Its parts apply as go's do: prefix, orders, offset, limit.
 */
@Command(name = "ls", description = "List keys and value sizes (KEY<TAB>SIZE), as a go-datastore query.")
final class LsCommand extends RepoCommand {

    /** The orders {@code --order} takes. */
    enum OrderName {
        key(new OrderByKey()), key_desc(new OrderByKeyDescending()), value(new OrderByValue()), value_desc(new OrderByValueDescending());

        final Order order;

        OrderName(Order order) {
            this.order = order;
        }

        static OrderName parse(String s) {
            for (OrderName o : values()) {
                if (o.cliName().equals(s)) {
                    return o;
                }
            }
            throw new CliException("unknown order \"" + s + "\" (orders: key, key-desc, value, value-desc)");
        }

        String cliName() {
            return name().replace('_', '-');
        }
    }

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "Only strict descendants of this key (go's Query.Prefix).")
    String prefix;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "At most N entries.")
    int limit;

    @Option(names = "--offset", paramLabel = "N", description = "Skip the first N entries.")
    int offset;

    @Option(names = "--order", paramLabel = "ORDER", split = ",",
            description = "Order by key, key-desc, value or value-desc; several (comma-separated or repeated) break ties in turn."
                    + " Default: the datastore's own order.")
    List<String> orders = new ArrayList<>();

    @Option(names = {"-k", "--keys-only"}, description = "Print keys only.")
    boolean keysOnly;

    @Override
    int call(Batching ds) {
        if (limit < 0 || offset < 0) {
            throw new CliException("--limit and --offset must not be negative (were " + limit + " and " + offset + ")");
        }
        Query.Builder q = Query.builder().limit(limit).offset(offset).keysOnly(keysOnly).returnsSizes(!keysOnly);
        if (prefix != null) {
            q.prefix(prefix);
        }
        q.orders(orders.stream().map(o -> OrderName.parse(o).order).toList());
        PrintStream out = console().out();
        try (Results results = ds.query(q.build())) {
            for (Entry e : results) {
                out.println(keysOnly ? e.key() : e.key() + "\t" + size(e));
            }
        }
        return ExitCodes.OK;
    }

    private static int size(Entry e) {
        return e.size() >= 0 ? e.size() : e.value() == null ? 0 : e.value().length;
    }
}
