package io.eliot.aspects.contract;

import io.eliot.core.record.MessageRecord;
import io.eliot.testing.CapturedLog;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a contract test logged (captured by eliot-test-fixtures' {@code @CaptureLogging}), rendered
 * as exact, readable lines.
 */
public final class Captured {

    private CapturedLog log;

    void use(CapturedLog log) {
        this.log = log;
    }

    /** The messages the test logged, in the order written. */
    public List<MessageRecord> messages() {
        return log.messages();
    }

    /**
     * Each task's messages in tree order, one line each: {@code "[2, 1] shop:price/started {sku=A-1}"};
     * tasks in the order their first message was logged, separated by {@code "--"}.
     */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        List<String> tasks =
                messages().stream().map(MessageRecord::taskUuid).distinct().toList();
        for (String task : tasks) {
            if (!lines.isEmpty()) {
                lines.add("--");
            }
            messages().stream()
                    .filter(m -> m.taskUuid().equals(task))
                    .sorted((a, b) -> a.taskLevel().compareTo(b.taskLevel()))
                    .map(Captured::line)
                    .collect(Collectors.toCollection(() -> lines));
        }
        return lines;
    }

    static String line(MessageRecord m) {
        String type = m.isAction() ? m.actionType() + "/" + m.actionStatus().wireName() : m.messageType();
        return m.taskLevel() + " " + type + " " + m.fields();
    }
}
