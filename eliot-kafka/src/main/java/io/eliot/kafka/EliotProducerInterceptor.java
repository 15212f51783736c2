package io.eliot.kafka;

import io.eliot.core.ClientCall;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Adds the {@code x-eliot-task-id} header to each record sent inside an action: a freshly serialized
 * task id ({@link ClientCall#currentTaskId()}), so the consumer that processes the record with
 * {@link EliotKafka#process} continues the task there, as a child of the sending action. Records
 * sent outside any action, and records that already carry the header, are sent unchanged.
 *
 * <pre>{@code
 * props.put(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, EliotProducerInterceptor.class.getName());
 * }</pre>
 *
 * <p>Runs on the thread that calls {@code send}; never fails a send because of logging.
 */
public final class EliotProducerInterceptor<K, V> implements ProducerInterceptor<K, V> {

    /** Created by the Kafka producer from {@code interceptor.classes}. */
    public EliotProducerInterceptor() {}

    @Override
    public ProducerRecord<K, V> onSend(ProducerRecord<K, V> record) {
        try {
            if (record.headers().lastHeader(EliotKafka.TASK_ID_HEADER) != null) {
                return record;
            }
            Optional<String> taskId = ClientCall.currentTaskId();
            if (taskId.isEmpty()) {
                return record;
            }
            // A copy: the record's own headers are read-only once it has been sent (a retried send).
            RecordHeaders headers = new RecordHeaders(record.headers().toArray());
            headers.add(EliotKafka.TASK_ID_HEADER, taskId.get().getBytes(StandardCharsets.UTF_8));
            return new ProducerRecord<>(
                    record.topic(), record.partition(), record.timestamp(), record.key(), record.value(), headers);
        } catch (RuntimeException e) {
            return record;
        }
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

    @Override
    public void close() {}

    @Override
    public void configure(Map<String, ?> configs) {}
}
