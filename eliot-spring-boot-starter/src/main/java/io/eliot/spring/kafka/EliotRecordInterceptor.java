package io.eliot.spring.kafka;

import io.eliot.core.ContextScope;
import io.eliot.kafka.EliotKafka;
import io.eliot.kafka.RecordAction;
import java.util.ArrayDeque;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Runs each record a Spring Kafka listener container hands to a listener inside the task that sent
 * it: a {@code kafka:consume} action in the {@code eliot:remote_task} the {@code x-eliot-task-id}
 * header names (a new task without one; see {@link EliotKafka}). The action is current while the
 * listener runs and ends with it: succeeded, or failed with the listener's exception.
 *
 * <p>Registered by {@link EliotKafkaAutoConfiguration} unless the application has its own {@code
 * RecordInterceptor}; combine them with Spring Kafka's {@code CompositeRecordInterceptor}. For
 * record listeners (batch listeners are not covered); never throws because of logging.
 */
public class EliotRecordInterceptor implements RecordInterceptor<Object, Object> {

    private static final ThreadLocal<ArrayDeque<Processing>> PROCESSING = ThreadLocal.withInitial(ArrayDeque::new);

    private record Processing(ConsumerRecord<?, ?> record, RecordAction action, ContextScope scope) {}

    @Override
    public ConsumerRecord<Object, Object> intercept(
            ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        try {
            RecordAction action = EliotKafka.startProcessing(record);
            PROCESSING.get().push(new Processing(record, action, action.context()));
        } catch (RuntimeException e) {
            // Logging must not stop the listener.
        }
        return record;
    }

    @Override
    public void success(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        finish(record, null);
    }

    @Override
    public void failure(ConsumerRecord<Object, Object> record, Exception exception, Consumer<Object, Object> consumer) {
        finish(
                record,
                exception instanceof ListenerExecutionFailedException && exception.getCause() != null
                        ? exception.getCause()
                        : exception);
    }

    @Override
    public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        // A record the listener never saw (e.g. intercept returned it to a filter): end it as succeeded.
        finish(record, null);
    }

    private static void finish(ConsumerRecord<?, ?> record, Throwable exception) {
        ArrayDeque<Processing> stack = PROCESSING.get();
        Processing top = stack.peek();
        if (top == null || top.record() != record) {
            return;
        }
        stack.pop();
        try {
            top.scope().close();
            top.action().finish(exception);
        } catch (RuntimeException e) {
            // Logging must not stop the listener.
        }
    }
}
