package io.eliot.spring.kafka;

import io.eliot.core.destination.Destination;
import io.eliot.core.serialization.JsonLineEncoder;
import io.eliot.kafka.KafkaDestination;
import io.eliot.spring.EliotConfigurationException;
import io.eliot.spring.internal.KafkaDestinationProvider;
import java.util.List;
import org.apache.kafka.common.KafkaException;

/**
 * Builds kafka destinations from {@code eliot.kafka.*} and each destination's {@code kafka.topic},
 * naming the property of a bad value.
 */
final class PropertiesKafkaDestinations implements KafkaDestinationProvider {

    private final EliotKafkaProperties properties;
    private final List<String> springBootstrapServers;

    PropertiesKafkaDestinations(EliotKafkaProperties properties, List<String> springBootstrapServers) {
        this.properties = properties;
        this.springBootstrapServers = springBootstrapServers;
    }

    @Override
    public Destination create(String name, String topic, JsonLineEncoder encoder) {
        List<String> servers =
                properties.getBootstrapServers().isEmpty() ? springBootstrapServers : properties.getBootstrapServers();
        if (servers.isEmpty() || servers.stream().allMatch(String::isBlank)) {
            throw new EliotConfigurationException(
                    "eliot.kafka.bootstrap-servers",
                    "is required for the kafka destination '" + name + "' (or set spring.kafka.bootstrap-servers)");
        }
        if (topic == null
                && (properties.getTopic() == null || properties.getTopic().isBlank())) {
            throw new EliotConfigurationException("eliot.kafka.topic", "must not be empty");
        }
        KafkaDestination.Builder builder = KafkaDestination.builder(
                        String.join(",", servers), topic != null ? topic : properties.getTopic())
                .encoder(encoder);
        try {
            builder.closeTimeout(properties.getCloseTimeout());
        } catch (IllegalArgumentException e) {
            throw new EliotConfigurationException("eliot.kafka.close-timeout", e.getMessage(), e);
        }
        try {
            builder.retryInterval(properties.getRetryInterval());
        } catch (IllegalArgumentException e) {
            throw new EliotConfigurationException("eliot.kafka.retry-interval", e.getMessage(), e);
        }
        properties.getProducer().forEach((key, value) -> {
            try {
                builder.property(key, value);
            } catch (IllegalArgumentException e) {
                throw new EliotConfigurationException("eliot.kafka.producer.[" + key + "]", e.getMessage(), e);
            }
        });
        try {
            return builder.build();
        } catch (KafkaException e) {
            String problem = String.valueOf(e.getMessage());
            String property = problem.contains("bootstrap") ? "eliot.kafka.bootstrap-servers" : "eliot.kafka.producer";
            throw new EliotConfigurationException(property, problem, e);
        }
    }
}
