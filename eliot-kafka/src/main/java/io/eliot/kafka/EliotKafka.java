package io.eliot.kafka;

import io.eliot.core.TaskContinuation;
import io.eliot.core.ThrowingRunnable;
import io.eliot.core.ThrowingSupplier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * <p>The record's header is read by {@link TaskContinuation}, with its redelivery check: a record
 * without the header is processed as a new task. A header that is not a valid task id (or a record
 * with the header more than once) never stops processing: the record becomes a new task with an
 * {@value #INVALID_TASK_ID} message whose {@code problem} quotes only a short escaped excerpt. A
 * record processed again in this process (a retry, a redelivery; the last 4,096 task ids are
 * remembered) cannot take the same position twice: it becomes a new task whose {@code
 * kafka:consume} carries {@value #REDELIVERED_TASK_ID}, the id it continued the first time.
 */
public final class EliotKafka {

    /** The record header carrying the serialized task id (the same name as the HTTP header). */
    public static final String TASK_ID_HEADER = TaskContinuation.TASK_ID_HEADER;

    /** The action type of processing one record. */
    public static final String CONSUME_ACTION = "kafka:consume";

    /** The message logged when the task id header is rejected. */
    public static final String INVALID_TASK_ID = TaskContinuation.INVALID_TASK_ID;

    /** The field of a record processed again in this process: the task id it carried. */
    public static final String REDELIVERED_TASK_ID = TaskContinuation.REDELIVERED_TASK_ID;

    private static final TaskContinuation CONSUME =
            TaskContinuation.of(CONSUME_ACTION).withRedeliveryCheck();

    private EliotKafka() {}

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
        List<byte[]> values = new ArrayList<>(1);
        for (Header header : record.headers().headers(TASK_ID_HEADER)) {
            values.add(header.value());
        }
        return new RecordAction(CONSUME.startFromHeaderBytes(values, fields));
    }
}
