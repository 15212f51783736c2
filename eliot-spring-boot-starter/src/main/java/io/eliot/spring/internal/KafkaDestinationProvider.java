package io.eliot.spring.internal;

import io.eliot.core.destination.Destination;
import io.eliot.core.serialization.JsonLineEncoder;

/**
 * Builds the destinations of type {@code kafka} from {@code eliot.kafka.*}. A bean only when Kafka's
 * clients are on the class path, so the rest of the starter never touches a Kafka class.
 */
public interface KafkaDestinationProvider {

    /**
     * The Kafka destination configured as {@code eliot.destinations.<name>}, producing to {@code
     * topic} ({@code eliot.destinations.<name>.kafka.topic}), or to {@code eliot.kafka.topic} when
     * that is {@code null}.
     *
     * @throws io.eliot.spring.EliotConfigurationException naming the property of a bad value
     */
    Destination create(String name, String topic, JsonLineEncoder encoder);
}
