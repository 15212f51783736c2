package io.eliot.tools;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The options of the commands, parsed from the command line. */
final class Options {

    /** When to colour the output. */
    enum Color {
        ALWAYS,
        AUTO,
        NEVER
    }

    final List<String> files = new ArrayList<>();
    final Set<String> taskUuids = new LinkedHashSet<>();
    final List<Query> queries = new ArrayList<>();
    Instant start;
    Instant end;
    int fieldLimit = 100;
    boolean ascii;
    Color color = Color.AUTO;
    boolean local;
    boolean compact;
    boolean follow;
    boolean help;
    /** html: where to write the page; {@code null} or {@code -}: standard output. */
    String output;

    String kafkaBootstrap;
    String topic;
    final Map<String, String> kafkaProperties = new LinkedHashMap<>();

    /** Parses {@code args} (after the command name) for {@code command}. */
    static Options parse(String command, List<String> args) throws UsageException {
        Options o = new Options();
        List<String> startEnd = new ArrayList<>(2);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "-h", "--help" -> o.help = true;
                case "-u", "--task-uuid" -> o.taskUuids.add(value != null ? value : next(args, ++i, arg));
                case "--select" -> o.queries.add(Query.parse(value != null ? value : next(args, ++i, arg)));
                case "--start" -> {
                    o.start = instant(value != null ? value : next(args, ++i, arg), arg);
                    startEnd.add(arg);
                }
                case "--end" -> {
                    o.end = instant(value != null ? value : next(args, ++i, arg), arg);
                    startEnd.add(arg);
                }
                case "--utc" -> {
                    only(command, arg, "tree", "prettyprint");
                    o.local = false;
                }
                case "--local" -> {
                    only(command, arg, "tree", "prettyprint");
                    o.local = true;
                }
                case "-f", "--follow" -> {
                    only(command, arg, "tree", "prettyprint");
                    o.follow = true;
                }
                case "-o", "--output" -> {
                    only(command, arg, "html");
                    o.output = nonEmpty(value != null ? value : next(args, ++i, arg), arg);
                }
                case "--kafka-bootstrap" ->
                    o.kafkaBootstrap = nonEmpty(value != null ? value : next(args, ++i, arg), arg);
                case "--topic" -> o.topic = nonEmpty(value != null ? value : next(args, ++i, arg), arg);
                case "--kafka-property" -> {
                    String property = value != null ? value : next(args, ++i, arg);
                    int at = property.indexOf('=');
                    if (at <= 0) {
                        throw new UsageException("--kafka-property must be NAME=VALUE, not " + property);
                    }
                    o.kafkaProperties.put(property.substring(0, at), property.substring(at + 1));
                }
                case "--color", "--colour" -> {
                    only(command, arg, "tree", "prettyprint");
                    o.color = color(value != null ? value : next(args, ++i, arg));
                }
                case "-l", "--field-limit" -> {
                    only(command, arg, "tree");
                    o.fieldLimit = limit(value != null ? value : next(args, ++i, arg));
                }
                case "--ascii" -> {
                    only(command, arg, "tree");
                    o.ascii = true;
                }
                case "-c", "--compact" -> {
                    only(command, arg, "prettyprint");
                    o.compact = true;
                }
                case "--" -> {
                    o.files.addAll(args.subList(i + 1, args.size()));
                    i = args.size();
                }
                default -> {
                    if (arg.startsWith("-") && !arg.equals("-")) {
                        throw new UsageException("unknown option for " + command + ": " + args.get(i));
                    }
                    o.files.add(arg);
                }
            }
        }
        if (o.start != null && o.end != null && !o.start.isBefore(o.end)) {
            throw new UsageException("--start must be before --end");
        }
        if ((o.kafkaBootstrap == null) != (o.topic == null)) {
            throw new UsageException("--kafka-bootstrap and --topic go together");
        }
        if (o.kafkaBootstrap == null && !o.kafkaProperties.isEmpty()) {
            throw new UsageException("--kafka-property needs --kafka-bootstrap and --topic");
        }
        if (o.kafkaBootstrap != null) {
            if (!o.files.isEmpty()) {
                throw new UsageException("read either a Kafka topic or FILEs, not both");
            }
            return o;
        }
        if (o.files.isEmpty()) {
            o.files.add("-");
        }
        if (o.follow && (o.files.size() != 1 || o.files.get(0).equals("-"))) {
            throw new UsageException("--follow needs exactly one FILE (standard input is followed anyway)");
        }
        return o;
    }

    /** Rejects {@code option} unless {@code command} is one of {@code commands}. */
    private static void only(String command, String option, String... commands) throws UsageException {
        if (!List.of(commands).contains(command)) {
            throw new UsageException("unknown option for " + command + ": " + option);
        }
    }

    private static String next(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    private static String nonEmpty(String value, String option) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(option + " needs a value");
        }
        return value;
    }

    private static Color color(String value) throws UsageException {
        return switch (value) {
            case "always" -> Color.ALWAYS;
            case "auto" -> Color.AUTO;
            case "never" -> Color.NEVER;
            default -> throw new UsageException("--color must be always, auto or never, not " + value);
        };
    }

    private static int limit(String value) throws UsageException {
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("--field-limit must be a number of characters, 0 or more, not " + value);
    }

    /**
     * An ISO 8601 instant: {@code 2026-11-25T19:00:00Z}, with an offset, or without one (then UTC),
     * or a date alone (midnight UTC).
     */
    static Instant instant(String value, String option) throws UsageException {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDate.parse(value).atStartOfDay(ZoneId.of("UTC")).toInstant();
        } catch (DateTimeParseException ignored) {
            // reported below
        }
        throw new UsageException(option + " must be an ISO 8601 time such as 2026-11-25T19:00:00Z, not " + value);
    }
}
