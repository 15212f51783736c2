package io.eliot.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints the comparison table from JMH's JSON results and the sustained runs' JSON lines: scores
 * with their errors, allocation per call, and the ratios that matter.
 *
 * <p>{@code java -cp benchmarks.jar io.eliot.benchmarks.compare.ResultsTable results.json
 * [sustained.json]}
 */
public final class ResultsTable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ALLOC = "gc.alloc.rate.norm";

    /** One JMH result: score and error in ns per call, bytes allocated per call (or NaN). */
    record Score(double ns, double error, double bytes) {}

    private final Map<String, Score> callerBound = new LinkedHashMap<>();
    private final Map<String, Score> writerBound = new LinkedHashMap<>();
    private final Map<String, JsonNode> sustained = new LinkedHashMap<>();

    private ResultsTable() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ResultsTable results.json [sustained.json]");
            System.exit(2);
        }
        ResultsTable table = new ResultsTable();
        table.readJmh(Path.of(args[0]));
        if (args.length > 1 && Files.exists(Path.of(args[1]))) {
            table.readSustained(Path.of(args[1]));
        }
        System.out.print(table.render());
    }

    private void readJmh(Path file) throws IOException {
        for (JsonNode result : JSON.readTree(file.toFile())) {
            String benchmark = result.get("benchmark").asString();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            JsonNode primary = result.get("primaryMetric");
            JsonNode alloc = result.path("secondaryMetrics").path(ALLOC);
            Score score = new Score(
                    number(primary.get("score")),
                    number(primary.get("scoreError")),
                    alloc.isMissingNode() ? Double.NaN : number(alloc.get("score")));
            if (benchmark.contains(".CallerBound.")) {
                callerBound.put(method, score);
            } else if (benchmark.contains(".WriterBound.")) {
                writerBound.put(method, score);
            }
        }
    }

    /** A JMH number; JMH writes {@code "NaN"} (a string) for an error it could not compute. */
    private static double number(JsonNode node) {
        return node.isNumber() ? node.doubleValue() : Double.parseDouble(node.asString());
    }

    private void readSustained(Path file) throws IOException {
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode run = JSON.readTree(line);
            sustained.put(run.get("setup").asString() + "/" + run.get("threads").asInt(), run);
        }
    }

    String render() {
        StringBuilder out = new StringBuilder();
        Score base = callerBound.get("baseline");
        if (!callerBound.isEmpty()) {
            out.append("\nCaller-bound: paced caller, the writer keeps up; cost = score - baseline\n");
            out.append(String.format(
                    Locale.ROOT,
                    "%-14s %12s %10s %14s %10s %12s%n",
                    "benchmark",
                    "ns/call",
                    "± error",
                    "over baseline",
                    "B/call",
                    "B over base"));
            callerBound.forEach((name, s) -> out.append(String.format(
                    Locale.ROOT,
                    "%-14s %12.0f %10.0f %14s %10.0f %12s%n",
                    name,
                    s.ns(),
                    s.error(),
                    base == null ? "-" : String.format(Locale.ROOT, "%.0f", s.ns() - base.ns()),
                    s.bytes(),
                    base == null ? "-" : String.format(Locale.ROOT, "%.0f", s.bytes() - base.bytes()))));
        }
        if (!writerBound.isEmpty()) {
            out.append("\nWriter-bound: queues full, a call takes the writer's time for its two lines\n");
            out.append(String.format(
                    Locale.ROOT,
                    "%-18s %12s %10s %14s %10s%n",
                    "benchmark",
                    "ns/call",
                    "± error",
                    "lines/s",
                    "B/call"));
            writerBound.forEach((name, s) -> out.append(String.format(
                    Locale.ROOT,
                    "%-18s %12.0f %10.0f %14.0f %10.0f%n",
                    name,
                    s.ns(),
                    s.error(),
                    threads(name) * 2 * 1e9 / s.ns(),
                    s.bytes())));
        }
        if (!sustained.isEmpty()) {
            out.append("\nSustained: lines counted in the file after the run (written = issued, checked)\n");
            out.append(String.format(
                    Locale.ROOT,
                    "%-12s %8s %10s %14s %14s %12s%n",
                    "setup",
                    "threads",
                    "seconds",
                    "lines",
                    "lines/s",
                    "CPU ns/line"));
            sustained
                    .values()
                    .forEach(run -> out.append(String.format(
                            Locale.ROOT,
                            "%-12s %8d %10.1f %14d %14.0f %12.0f%n",
                            run.get("setup").asString(),
                            run.get("threads").asInt(),
                            run.get("seconds").asDouble(),
                            run.get("lines").asLong(),
                            run.get("linesPerSecond").asDouble(),
                            run.path("cpuNanosPerLine").asDouble(Double.NaN))));
        }
        out.append("\nRatios (targets from issue 10 in brackets)\n");
        if (base != null) {
            difference(out, "woven - baseline, new task (ns) [<= 800]", callerBound.get("woven"), base);
            difference(out, "wovenChild - baseline, child (ns) [<= 400]", callerBound.get("wovenChild"), base);
            bytes(out, "woven B/call over baseline [<= 300]", callerBound.get("woven"), base);
            bytes(out, "wovenChild B/call over baseline [<= 300]", callerBound.get("wovenChild"), base);
            for (String other : List.of("logback", "log4j2", "jcabi")) {
                String target = other.equals("jcabi") ? " [<= 0.1]" : "";
                ratio(out, "caller-bound woven / " + other + target, excess("woven", base), excess(other, base));
            }
            ratio(out, "caller-bound byhand / woven", excess("byhand", base), excess("woven", base));
            ratio(out, "caller-bound springaop / woven", excess("springaop", base), excess("woven", base));
        }
        ratio(out, "writer-bound woven / logback [<= 0.5]", ns(writerBound, "woven"), ns(writerBound, "logback"));
        ratio(out, "writer-bound woven / log4j2", ns(writerBound, "woven"), ns(writerBound, "log4j2"));
        ratio(out, "writer-bound woven / jcabi [<= 0.1]", ns(writerBound, "woven"), ns(writerBound, "jcabi"));
        ratio(
                out,
                "writer-bound 2 threads woven / logback",
                ns(writerBound, "woven_2threads"),
                ns(writerBound, "logback_2threads"));
        ratio(
                out,
                "writer-bound 2 threads woven / log4j2",
                ns(writerBound, "woven_2threads"),
                ns(writerBound, "log4j2_2threads"));
        ratio(out, "writer-bound byhand / woven", ns(writerBound, "byhand"), ns(writerBound, "woven"));
        ratio(out, "writer-bound springaop / woven", ns(writerBound, "springaop"), ns(writerBound, "woven"));
        for (int threads : new int[] {1, 2}) {
            ratio(
                    out,
                    "sustained lines/s Eliot / logback, " + threads + " thread(s)",
                    rate("woven/" + threads),
                    rate("logback/" + threads));
            ratio(
                    out,
                    "sustained lines/s Eliot / log4j2, " + threads + " thread(s)",
                    rate("woven/" + threads),
                    rate("log4j2/" + threads));
        }
        double eliotRate = rate("woven/1");
        if (!Double.isNaN(eliotRate)) {
            out.append(String.format(
                    Locale.ROOT, "%-48s %10.0f%n", "sustained Eliot lines/s, 1 thread [>= 2,500,000]", eliotRate));
        }
        return out.toString();
    }

    private static int threads(String name) {
        return name.endsWith("_2threads") ? 2 : 1;
    }

    private double excess(String name, Score base) {
        Score s = callerBound.get(name);
        return s == null ? Double.NaN : s.ns() - base.ns();
    }

    private static double ns(Map<String, Score> scores, String name) {
        Score s = scores.get(name);
        return s == null ? Double.NaN : s.ns();
    }

    private double rate(String key) {
        JsonNode run = sustained.get(key);
        return run == null ? Double.NaN : run.get("linesPerSecond").asDouble();
    }

    private static void difference(StringBuilder out, String label, Score s, Score base) {
        if (s != null) {
            out.append(String.format(
                    Locale.ROOT,
                    "%-48s %10.0f ± %.0f%n",
                    label,
                    s.ns() - base.ns(),
                    Math.sqrt(s.error() * s.error() + base.error() * base.error())));
        }
    }

    private static void bytes(StringBuilder out, String label, Score s, Score base) {
        if (s != null) {
            out.append(String.format(Locale.ROOT, "%-48s %10.0f%n", label, s.bytes() - base.bytes()));
        }
    }

    private static void ratio(StringBuilder out, String label, double a, double b) {
        if (!Double.isNaN(a) && !Double.isNaN(b) && b != 0) {
            out.append(String.format(Locale.ROOT, "%-48s %10.2f%n", label, a / b));
        }
    }
}
