package io.eliot.spring.kafka;

import io.eliot.core.destination.AsyncDestination;
import io.eliot.kafka.EliotProducerInterceptor;
import io.eliot.kafka.KafkaDestination;
import io.eliot.spring.EliotAutoConfiguration;
import io.eliot.spring.EliotDestinations;
import io.eliot.spring.internal.KafkaDestinationProvider;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Eliot and Kafka, when Kafka's clients are on the class path: the destination type {@code kafka}
 * (configured by {@code eliot.kafka.*}) and, with Spring Kafka, task propagation: Boot's producer
 * factory adds {@code x-eliot-task-id} to records sent inside an action ({@link
 * EliotProducerInterceptor}), and listener containers continue that task ({@link
 * EliotRecordInterceptor}). With Micrometer, {@code eliot.kafka.records} counts records by {@code
 * outcome}. Every bean backs off when the application defines its own.
 */
@AutoConfiguration(
        after = EliotAutoConfiguration.class,
        beforeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(name = {"org.apache.kafka.clients.producer.KafkaProducer", "io.eliot.kafka.KafkaDestination"})
@ConditionalOnBooleanProperty(name = "eliot.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EliotKafkaProperties.class)
public class EliotKafkaAutoConfiguration {

    /** Builds destinations of type {@code kafka}; bootstrap servers default to Spring Kafka's. */
    @Bean
    @ConditionalOnMissingBean
    KafkaDestinationProvider eliotKafkaDestinationProvider(EliotKafkaProperties properties, Environment environment) {
        List<String> spring = Binder.get(environment)
                .bind("spring.kafka.bootstrap-servers", Bindable.listOf(String.class))
                .orElse(List.of());
        return new PropertiesKafkaDestinations(properties, spring);
    }

    /** Propagation through Spring Kafka's producer factory and listener containers. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({DefaultKafkaProducerFactory.class, DefaultKafkaProducerFactoryCustomizer.class})
    @ConditionalOnBooleanProperty(name = "eliot.kafka.propagation.enabled", matchIfMissing = true)
    static class SpringKafkaPropagation {

        /** Adds {@link EliotProducerInterceptor} to the interceptors Boot's producer factory configures. */
        @Bean
        @ConditionalOnMissingBean(name = "eliotKafkaProducerFactoryCustomizer")
        DefaultKafkaProducerFactoryCustomizer eliotKafkaProducerFactoryCustomizer() {
            return factory -> {
                Object configured = factory.getConfigurationProperties().get(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG);
                factory.updateConfigs(
                        Map.of(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, withEliotInterceptor(configured)));
            };
        }

        /** Continues the sending task while a {@code @KafkaListener} processes a record. */
        @Bean
        @ConditionalOnMissingBean(RecordInterceptor.class)
        EliotRecordInterceptor eliotRecordInterceptor() {
            return new EliotRecordInterceptor();
        }
    }

    /** Counts of the kafka destinations' records, when Micrometer is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
    @ConditionalOnBean(EliotDestinations.class)
    static class KafkaMetrics {

        /**
         * {@code eliot.kafka.records}, tag {@code outcome}: {@code acknowledged} by the broker, or
         * {@code failed} (each also counted in {@code eliot.destination.failures}).
         */
        @Bean
        @ConditionalOnMissingBean(name = "eliotKafkaMeterBinder")
        MeterBinder eliotKafkaMeterBinder(EliotDestinations destinations) {
            return registry -> {
                FunctionCounter.builder(
                                "eliot.kafka.records",
                                destinations,
                                d -> kafkaDestinations(d)
                                        .mapToLong(KafkaDestination::acknowledged)
                                        .sum())
                        .description("Records the Kafka broker acknowledged")
                        .tag("outcome", "acknowledged")
                        .register(registry);
                FunctionCounter.builder(
                                "eliot.kafka.records",
                                destinations,
                                d -> kafkaDestinations(d)
                                        .mapToLong(KafkaDestination::failed)
                                        .sum())
                        .description("Records that could not be delivered to Kafka")
                        .tag("outcome", "failed")
                        .register(registry);
            };
        }

        private static Stream<KafkaDestination> kafkaDestinations(EliotDestinations destinations) {
            return destinations.all().stream()
                    .map(d -> d instanceof AsyncDestination async ? async.delegate() : d)
                    .filter(KafkaDestination.class::isInstance)
                    .map(KafkaDestination.class::cast);
        }
    }

    /** The interceptors configured (a class, a name, comma-separated names or a list), plus Eliot's. */
    static List<Object> withEliotInterceptor(Object configured) {
        List<Object> interceptors = new ArrayList<>();
        if (configured instanceof Collection<?> list) {
            interceptors.addAll(list);
        } else if (configured instanceof String names) {
            for (String n : names.split(",")) {
                if (!n.isBlank()) {
                    interceptors.add(n.strip());
                }
            }
        } else if (configured != null) {
            interceptors.add(configured);
        }
        boolean present = interceptors.stream()
                .anyMatch(i -> i == EliotProducerInterceptor.class
                        || EliotProducerInterceptor.class.getName().equals(i));
        if (!present) {
            interceptors.add(EliotProducerInterceptor.class);
        }
        return interceptors;
    }
}
