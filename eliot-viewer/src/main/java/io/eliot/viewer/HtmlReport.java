package io.eliot.viewer;

import io.eliot.core.parse.ParsedTask;
import io.eliot.viewer.internal.Page;
import io.eliot.viewer.internal.ReportData;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.Objects;

/**
 * Writes one self-contained HTML page showing the given tasks: a filterable list, each task a collapsible
 * tree and a timeline. The page needs nothing else (no network, fonts or other files) and opens from disk.
 * Streaming: the constructor writes the head, each {@link #add} appends one task's data, {@link #close}
 * writes the script and closes the writer; memory does not grow with the number of tasks.
 *
 * <pre>{@code
 * try (HtmlReport page = new HtmlReport(Files.newBufferedWriter(path), "app.log")) {
 *     LogParser parser = new LogParser(t -> { try { page.add(t); } catch (IOException e) { ... } }, p -> {});
 *     ...
 * }
 * }</pre>
 *
 * <p>Safety: logged text is data, never markup. Tasks are embedded as JSON in {@code <script
 * type="application/json">} blocks with {@code <}, {@code >}, {@code &}, U+2028 and U+2029 escaped, and the
 * page draws them with DOM text only. A {@code Content-Security-Policy} meta element allows nothing but
 * the page's own inline script and style (by SHA-256 hash): no other script, style attribute, request or
 * frame.
 *
 * <p>Not thread-safe: add tasks from one thread. The page lists tasks by start time, whatever the order
 * they were added in.
 *
 * <p>Stable DOM hooks (for tests of this page and of pages embedding it):
 *
 * <ul>
 *   <li>{@code body[data-ready="true"]} once the data is read and the list drawn (live mode: after the
 *       first fetch), with {@code data-ready-ms} (milliseconds since navigation); after each filtering
 *       {@code data-filter-seq} counts up and {@code data-filter-ms} says how long it took;
 *   <li>controls: {@code #search} (task uuid prefix, type or field value, case-insensitive),
 *       {@code #type-filter}, {@code #status-filter} (a select: {@code ""}, {@code succeeded}, {@code
 *       failed}, {@code started}, {@code incomplete}), {@code #min-duration} (seconds), {@code
 *       #time-from}, {@code #time-to} (ISO 8601; a task's start in {@code [from, to)}), {@code
 *       #clear-filters}, {@code #result-count} (text, and the number of matching tasks in {@code
 *       data-count}), {@code #more} (shows the next page of rows);
 *   <li>{@code #tasks .task[data-task-uuid][data-status]} one row per task shown, 100 at first ({@code
 *       data-status} {@code succeeded}, {@code failed}, {@code started}, or {@code message} for a task
 *       that is one message; class {@code failed}, {@code incomplete}); clicking its {@code .task-head}
 *       opens or closes its {@code .task-body}, which holds {@code .timeline} and {@code .tree} (built on
 *       first opening);
 *   <li>tree: {@code .node.action[data-level][data-status]} (class {@code failed}, {@code remote} for
 *       {@code eliot:remote_task}, {@code collapsed} when closed; clicking its {@code .head} toggles it;
 *       {@code .exception} and {@code .reason} of a failure), {@code .node.message[data-level]
 *       [data-message-type]}, {@code .field} ({@code .key}, {@code .value}, {@code .unfold} on a long
 *       value shows it whole), {@code .missing} for what the log lost, {@code .selected} on the node a
 *       link or click selected;
 *   <li>timeline: {@code .timeline .tl-bar[data-level][data-start][data-duration]} one bar per action in
 *       start order, {@code data-start} in seconds since the epoch, {@code data-duration} in seconds
 *       (empty when unfinished; class {@code open}), class {@code remote} on hand-offs;
 *   <li>links: {@code #task=<uuid>} and {@code #task=<uuid>&level=/2/1} open that task (and action or
 *       message) and scroll to it; selecting a task or node updates the fragment;
 *   <li>live mode ({@link LivePage}): {@code #live-bar}, {@code #live-pause}, {@code #open-uuid}, {@code
 *       #open-button}, {@code #live-status}, {@code #opened} (a task opened by uuid).
 * </ul>
 */
public final class HtmlReport implements Closeable {

    /** Tasks per data block; the page reads the blocks one by one. */
    private static final int CHUNK_TASKS = 500;

    private static final int CHUNK_CHARS = 1 << 20;

    private final Writer out;
    private int chunkTasks;
    private long chunkChars;
    private boolean closed;

    /** Writes the page's head to {@code out}; {@code title} is shown as text. */
    public HtmlReport(Writer out, String title) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        Page.writeHead(out, Objects.requireNonNull(title, "title"), false, "{\"mode\":\"static\"}");
    }

    /** Appends one task to the page. */
    public void add(ParsedTask task) throws IOException {
        Objects.requireNonNull(task, "task");
        if (closed) {
            throw new IllegalStateException("the report is closed");
        }
        String[] lines = ReportData.lines(task);
        if (chunkTasks == 0) {
            out.write("<script type=\"application/json\" class=\"eliot-data\">\n");
        }
        for (String line : lines) {
            out.write(line);
            out.write('\n');
            chunkChars += line.length() + 1;
        }
        if (++chunkTasks >= CHUNK_TASKS || chunkChars >= CHUNK_CHARS) {
            endChunk();
        }
    }

    /** Writes the rest of the page, flushes and closes the writer. Closing twice does nothing. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (out) {
            endChunk();
            Page.writeTail(out);
            out.flush();
        }
    }

    private void endChunk() throws IOException {
        if (chunkTasks > 0) {
            out.write("</script>\n");
            chunkTasks = 0;
            chunkChars = 0;
        }
    }
}
