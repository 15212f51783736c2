package io.eliot.viewer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Generated logs of many similar tasks, for size and speed measurements. */
final class SyntheticLogs {

    static final double EPOCH = 1764000000.0;

    private SyntheticLogs() {}

    /** The uuid of task {@code n}. */
    static String uuid(int n) {
        return String.format(Locale.ROOT, "%08x-0000-4000-8000-%012x", n, (long) n * 7919);
    }

    /**
     * Task {@code n}: {@code http:request} (path, method) holding a {@code db:query} action with a
     * {@code sql} field and a {@code cache:miss} message; every 10th fails; task 4242 has the field value
     * {@code needle-4242}. Five JSON lines.
     */
    static String task(int n) {
        String u = uuid(n);
        double t = EPOCH + n * 0.01;
        boolean failed = n % 10 == 3;
        String special = n == 4242 ? "needle-4242" : "order-" + n;
        StringBuilder b = new StringBuilder(1200);
        line(
                b,
                u,
                "[1]",
                t,
                "\"action_type\":\"http:request\",\"action_status\":\"started\",\"method\":\"GET\","
                        + "\"path\":\"/orders/" + n + "\",\"user_agent\":\"Mozilla/5.0 (X11; Linux x86_64) test\"");
        line(
                b,
                u,
                "[2,1]",
                t + 0.001,
                "\"action_type\":\"db:query\",\"action_status\":\"started\","
                        + "\"sql\":\"select * from orders where id = ? and status in ('open', 'paid')\",\"ref\":\""
                        + special + "\"");
        line(b, u, "[2,2]", t + 0.002, "\"message_type\":\"cache:miss\",\"key\":\"orders:" + n + "\"");
        line(
                b,
                u,
                "[2,3]",
                t + 0.004,
                "\"action_type\":\"db:query\",\"action_status\":\"succeeded\",\"rows\":" + (n % 7));
        if (failed) {
            line(
                    b,
                    u,
                    "[3]",
                    t + 0.006,
                    "\"action_type\":\"http:request\",\"action_status\":\"failed\","
                            + "\"exception\":\"java.lang.IllegalStateException\",\"reason\":\"order " + n
                            + " is locked\"");
        } else {
            line(
                    b,
                    u,
                    "[3]",
                    t + 0.005 + (n % 5) * 0.001,
                    "\"action_type\":\"http:request\",\"action_status\":\"succeeded\"," + "\"status\":200");
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String uuid, String level, double ts, String rest) {
        b.append("{\"task_uuid\":\"")
                .append(uuid)
                .append("\",\"task_level\":")
                .append(level)
                .append(",\"timestamp\":")
                .append(String.format(Locale.ROOT, "%.6f", ts))
                .append(',')
                .append(rest)
                .append("}\n");
    }

    /** Writes tasks {@code 0..count-1} to {@code log}. */
    static Path write(Path log, int count) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(log)) {
            for (int n = 0; n < count; n++) {
                out.write(task(n));
            }
        }
        return log;
    }
}
