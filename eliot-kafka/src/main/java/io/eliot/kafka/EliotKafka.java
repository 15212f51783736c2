package io.eliot.kafka;

import io.eliot.core.Action;
import io.eliot.core.ContextScope;
import io.eliot.core.Eliot;
import io.eliot.core.InvalidTaskIdException;
import io.eliot.core.TaskIdHeaders;
import io.eliot.core.ThrowingRunnable;
import io.eliot.core.ThrowingSupplier;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Continues, in a consumer, the task that sent a record: processing becomes a {@value
 * #CONSUME_ACTION} action ({@code topic}, {@code partition}, {@code offset}) inside an {@code
 * eliot:remote_task} at the position the {@value #TASK_ID_HEADER} header names, so producer and
 * consumer form one tree.
 *
 * <pre>{@code
 * for (ConsumerRecord<String, Order> record : consumer.poll(timeout)) {
 *     EliotKafka.process(record, () -> ship(record.value()));
 * }
 * }</pre>
 *
 * <p>A record without the header is processed as a new task. A header that is not a valid task id
 * never stops processing: the record becomes a new task with an {@value #INVALID_TASK_ID} message
 * whose {@code problem} quotes only a short escaped excerpt. A record processed again in this
 * process (a retry, a redelivery; the last 4,096 task ids are remembered) cannot take the same
 * position twice: it becomes a new task whose {@code kafka:consume} carries {@value
 * #REDELIVERED_TASK_ID}, the id it continued the first time.
 */
public final class EliotKafka {

    /** The record header carrying the serialized task id (the same name as the HTTP header). */
    public static final String TASK_ID_HEADER = "x-eliot-task-id";

    /** The action type of processing one record. */
    public static final String CONSUME_ACTION = "kafka:consume";

    /** The message logged when the task id header is rejected. */
    public static final String INVALID_TASK_ID = "eliot:invalid_task_id";

    /** The field of a record processed again in this process: the task id it carried. */
    public static final String REDELIVERED_TASK_ID = "redelivered_task_id";

    /** Task ids continued lately, so a record processed again does not take the same position twice. */
    private static final RecentIds CONTINUED = new RecentIds(4_096);

    private EliotKafka() {}

    /** The last {@code capacity} ids seen. */
    private static final class RecentIds {
        private final int capacity;
        private final Map<String, Boolean> ids;

        RecentIds(int capacity) {
            this.capacity = capacity;
            this.ids = new LinkedHashMap<>(capacity * 2, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > RecentIds.this.capacity;
                }
            };
        }

        /** Whether {@code id} is new here; remembers it. */
        synchronized boolean firstTime(String id) {
            return ids.put(id, Boolean.TRUE) == null;
        }
    }

    /**
     * Runs {@code body} as the processing of {@code record} (see the class description), finishing
     * the actions as succeeded, or as failed with the exception {@code body} throws, which is
     * rethrown unchanged.
     */
    public static <E extends Throwable> void process(ConsumerRecord<?, ?> record, ThrowingRunnable<E> body) throws E {
        startProcessing(record).run(body);
    }

    /** {@link #process(ConsumerRecord, ThrowingRunnable)} for work that returns a value. */
    public static <T, E extends Throwable> T call(ConsumerRecord<?, ?> record, ThrowingSupplier<T, E> body) throws E {
        return startProcessing(record).call(body);
    }

    /**
     * Starts the processing of {@code record} without running anything: make it current with {@link
     * RecordAction#context()} and finish it yourself. For frameworks that call back before and after
     * a listener.
     */
    public static RecordAction startProcessing(ConsumerRecord<?, ?> record) {
        Map<String, Object> fields = new LinkedHashMap<>(4);
        fields.put("topic", record.topic());
        fields.put("partition", record.partition());
        fields.put("offset", record.offset());
        Header header = record.headers().lastHeader(TASK_ID_HEADER);
        Action remote = null;
        String rejection = null;
        if (header != null) {
            String taskId = TaskIdHeaders.decode(header.value());
            if (CONTINUED.firstTime(taskId)) {
                try {
                    remote = Eliot.continueTask(taskId);
                } catch (InvalidTaskIdException e) {
                    rejection = e.getMessage();
                }
            } else {
                // Processed again (a retry, a redelivery): that position is taken; a task of its own.
                fields.put(REDELIVERED_TASK_ID, taskId);
            }
        }
        Action action =
                remote == null ? Eliot.startTask(CONSUME_ACTION, fields) : remote.startChild(CONSUME_ACTION, fields);
        if (rejection != null) {
            try (ContextScope ignored = action.context()) {
                Eliot.log(INVALID_TASK_ID, "header", TASK_ID_HEADER, "problem", rejection);
            }
        }
        return new RecordAction(remote, action);
    }
}
