package io.eliot.core.parse;

import io.eliot.core.record.MessageRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads Eliot messages (JSON lines, parsed maps or {@link MessageRecord}s) and rebuilds their
 * tasks, streaming: a task is handed to the task callback as soon as its last message arrives, so
 * memory grows with the tasks still open, not with the log.
 *
 * <pre>{@code
 * LogParser parser = new LogParser(task -> render(task), problem -> System.err.println(problem));
 * parser.read(reader, "app.log");
 * parser.finish(); // hands over the tasks that never completed
 * }</pre>
 *
 * <p>Lines may come in any order, interleaved across tasks and merged from several processes. A
 * task that never completes (a lost start message, a rotated log) is still handed over by {@link
 * #finish()}, with {@link ParsedTask#complete()} false and the missing parts absent from its tree.
 * A line that is not a usable message is reported to the problem callback and skipped; no method
 * throws because of the input. Blank lines are skipped silently.
 *
 * <p>The trees are the ones Python Eliot's {@code eliot.parse.Parser} builds from the same input,
 * with two differences on broken input: a message needs {@code task_uuid}, a non-empty {@code
 * task_level} of positive integers and a numeric {@code timestamp}, and a message that contradicts
 * its tree (a second message at one level, an end message of another action type) is reported
 * and skipped where Python raises or silently replaces.
 * Not thread-safe: feed it from one thread.
 */
public final class LogParser {

    private final Consumer<? super ParsedTask> onTask;
    private final Consumer<? super ParseProblem> onProblem;
    private final Map<String, TaskBuilder> open = new LinkedHashMap<>();

    /**
     * A parser handing completed tasks to {@code onTask} and skipped lines to {@code onProblem}.
     * Both are called on the thread feeding the parser.
     */
    public LogParser(Consumer<? super ParsedTask> onTask, Consumer<? super ParseProblem> onProblem) {
        this.onTask = Objects.requireNonNull(onTask, "onTask");
        this.onProblem = Objects.requireNonNull(onProblem, "onProblem");
    }

    /**
     * Reads a whole log, in memory, and returns every task and problem. For large logs prefer a
     * streaming {@code LogParser}.
     */
    public static ParseResult parse(Reader log, String source) throws IOException {
        List<ParsedTask> tasks = new ArrayList<>();
        List<ParseProblem> problems = new ArrayList<>();
        LogParser parser = new LogParser(tasks::add, problems::add);
        parser.read(log, source);
        parser.finish();
        return new ParseResult(tasks, problems);
    }

    /**
     * The tasks of {@code log} as a lazy stream: lines are read only as far as needed to complete
     * the next task, so memory stays bounded by the open tasks; incomplete tasks come last. Bad
     * lines go to {@code onProblem}. Close the stream to close {@code log}.
     *
     * <pre>{@code
     * try (Stream<ParsedTask> tasks = LogParser.stream(Files.newBufferedReader(path), "app.log", p -> {})) {
     *     tasks.filter(t -> !t.complete()).forEach(...);
     * }
     * }</pre>
     *
     * @throws java.io.UncheckedIOException from the stream's operations when reading fails
     */
    public static Stream<ParsedTask> stream(
            BufferedReader log, String source, Consumer<? super ParseProblem> onProblem) {
        Deque<ParsedTask> ready = new ArrayDeque<>();
        LogParser parser = new LogParser(ready::add, onProblem);
        Spliterator<ParsedTask> tasks = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {
            private long number;
            private boolean finished;

            @Override
            public boolean tryAdvance(Consumer<? super ParsedTask> action) {
                while (ready.isEmpty() && !finished) {
                    String line;
                    try {
                        line = log.readLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    if (line == null) {
                        finished = true;
                        parser.finish();
                    } else {
                        parser.acceptLine(line, source, ++number);
                    }
                }
                if (ready.isEmpty()) {
                    return false;
                }
                action.accept(ready.poll());
                return true;
            }
        };
        return StreamSupport.stream(tasks, false).onClose(() -> {
            try {
                log.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** {@link #parse(Reader, String)} over lines already in memory; never throws. */
    public static ParseResult parse(Iterable<String> lines) {
        List<ParsedTask> tasks = new ArrayList<>();
        List<ParseProblem> problems = new ArrayList<>();
        LogParser parser = new LogParser(tasks::add, problems::add);
        long number = 0;
        for (String line : lines) {
            parser.acceptLine(line, "", ++number);
        }
        parser.finish();
        return new ParseResult(tasks, problems);
    }

    /** {@link #parse(Iterable)} over the lines of {@code text}. */
    public static ParseResult parse(String text) {
        try {
            return parse(new StringReader(text), "");
        } catch (IOException e) {
            throw new IllegalStateException("a StringReader does not fail", e);
        }
    }

    /**
     * Reads every line of {@code log}, numbering them from 1 for problem reports. Does not call
     * {@link #finish()}, so several sources can be read into one parser.
     *
     * @param source the name problems carry, e.g. the file name or {@code "-"}
     * @throws IOException only when reading {@code log} fails
     */
    public void read(Reader log, String source) throws IOException {
        BufferedReader in = log instanceof BufferedReader b ? b : new BufferedReader(log, 1 << 16);
        long number = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            acceptLine(line, source, ++number);
        }
    }

    /**
     * Reads one JSON line as a message, without building any tree (for tools that print messages
     * one by one). A blank line gives empty; a bad line is reported to {@code onProblem} and gives
     * empty. Never throws because of the line.
     */
    public static Optional<MessageRecord> readMessage(
            String line, String source, long lineNumber, Consumer<? super ParseProblem> onProblem) {
        if (line.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MessageReader.readLine(line));
        } catch (MessageReader.BadMessage e) {
            onProblem.accept(new ParseProblem(source, lineNumber, e.getMessage()));
            return Optional.empty();
        }
    }

    /** Adds one JSON line; a blank line is ignored, a bad one reported as a problem. */
    public void acceptLine(String line, String source, long lineNumber) {
        if (line.isBlank()) {
            return;
        }
        MessageRecord message;
        try {
            message = MessageReader.readLine(line);
        } catch (MessageReader.BadMessage e) {
            onProblem.accept(new ParseProblem(source, lineNumber, e.getMessage()));
            return;
        }
        add(message, source, lineNumber);
    }

    /**
     * Adds one message given as a map of wire names to values, as a JSON library or Python's {@code
     * json.loads} gives it; the map is not changed. A map that is not a message is reported.
     */
    public void accept(Map<String, ?> message, String source, long lineNumber) {
        MessageRecord record;
        try {
            record = MessageReader.fromMap(message, false);
        } catch (MessageReader.BadMessage e) {
            onProblem.accept(new ParseProblem(source, lineNumber, e.getMessage()));
            return;
        }
        add(record, source, lineNumber);
    }

    /** Adds one message already in the library's model; a contradicting one is reported. */
    public void accept(MessageRecord message) {
        add(Objects.requireNonNull(message, "message"), "", 0);
    }

    private void add(MessageRecord message, String source, long lineNumber) {
        String uuid = message.taskUuid();
        TaskBuilder task = open.get(uuid);
        boolean created = task == null;
        if (created) {
            task = new TaskBuilder(uuid);
        }
        String refused = task.add(message);
        if (refused != null) {
            onProblem.accept(new ParseProblem(source, lineNumber, refused));
            return;
        }
        if (task.isComplete()) {
            if (!created) {
                open.remove(uuid);
            }
            onTask.accept(task.build());
        } else if (created) {
            open.put(uuid, task);
        }
    }

    /**
     * Builds the tree of every task among {@code messages} at once, for logs already in memory (a
     * test's captured messages, say). Unlike the streaming parser, no task is handed over early: a
     * message that arrives after its task looked complete still joins that task's one tree, so each
     * {@code task_uuid} gives exactly one {@link ParsedTask}, in the order of the task's first
     * message. A message that contradicts its tree (a second message at one level, an end message of
     * another action type) is left out of the tree and given to {@code onRefused} with the reason.
     */
    public static List<ParsedTask> buildTasks(
            Iterable<MessageRecord> messages, BiConsumer<? super MessageRecord, ? super String> onRefused) {
        Objects.requireNonNull(onRefused, "onRefused");
        Map<String, TaskBuilder> tasks = new LinkedHashMap<>();
        for (MessageRecord message : messages) {
            Objects.requireNonNull(message, "message");
            String refused =
                    tasks.computeIfAbsent(message.taskUuid(), TaskBuilder::new).add(message);
            if (refused != null) {
                onRefused.accept(message, refused);
            }
        }
        List<ParsedTask> built = new ArrayList<>(tasks.size());
        for (TaskBuilder task : tasks.values()) {
            built.add(task.build());
        }
        return built;
    }

    /** How many tasks have started and not completed so far. */
    public int openTaskCount() {
        return open.size();
    }

    /**
     * Hands every task still open to the task callback, incomplete, in the order their first
     * message arrived; the parser is then empty and may be used again.
     */
    public void finish() {
        Iterator<TaskBuilder> it = open.values().iterator();
        while (it.hasNext()) {
            TaskBuilder task = it.next();
            it.remove();
            onTask.accept(task.build());
        }
    }
}
