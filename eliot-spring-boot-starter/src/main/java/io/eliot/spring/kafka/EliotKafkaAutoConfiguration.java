package io.eliot.spring.kafka;

import io.eliot.kafka.EliotProducerInterceptor;
import io.eliot.spring.EliotAutoConfiguration;
import io.eliot.spring.internal.KafkaDestinationProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
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
 * EliotRecordInterceptor}). Every bean backs off when the application defines its own.
 */
@AutoConfiguration(
        before = EliotAutoConfiguration.class,
        beforeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(name = {"org.apache.kafka.clients.producer.KafkaProducer", "io.eliot.kafka.KafkaDestination"})
@ConditionalOnBooleanProperty(name = "eliot.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EliotKafkaProperties.class)
public class EliotKafkaAutoConfiguration {

    /** Builds destinations of type {@code kafka}; bootstrap servers default to Spring Kafka's. */
    @Bean
    @ConditionalOnMissingBean
    public KafkaDestinationProvider eliotKafkaDestinationProvider(
            EliotKafkaProperties properties, Environment environment) {
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
