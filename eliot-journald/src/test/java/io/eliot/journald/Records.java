package io.eliot.journald;

import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.TaskLevel;
import java.util.Map;

/** Messages made by hand for the journald destination's tests. */
final class Records {

    static final String TASK = "b1cb58cf-2c2f-45c0-92b2-838ac00b20cc";

    private Records() {}

    static MessageRecord message(int n) {
        return MessageRecord.message(TASK, TaskLevel.of(n), 1_700_000_000_000_000L + n, "test:n", Map.of("n", n));
    }
}
