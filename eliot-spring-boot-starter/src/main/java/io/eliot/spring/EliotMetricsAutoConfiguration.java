package io.eliot.spring;

import io.eliot.core.Eliot;
import io.eliot.core.destination.AsyncDestination;
import io.eliot.core.destination.DeliveryCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer counters, when Micrometer is present: {@code eliot.messages.logged}, {@code
 * eliot.messages.dropped} (tag {@code reason}) and {@code eliot.destination.failures}.
 */
@AutoConfiguration(after = EliotAutoConfiguration.class)
@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
@ConditionalOnBean(EliotDestinations.class)
@ConditionalOnBooleanProperty(name = "eliot.enabled", matchIfMissing = true)
public class EliotMetricsAutoConfiguration {

    /** Binds Eliot's counters to every meter registry. */
    @Bean
    @ConditionalOnMissingBean(name = "eliotMeterBinder")
    public MeterBinder eliotMeterBinder(EliotDestinations destinations) {
        return registry -> {
            FunctionCounter.builder(
                            "eliot.messages.logged",
                            destinations,
                            d -> Eliot.deliveryCounters().logged())
                    .description("Messages logged")
                    .register(registry);
            FunctionCounter.builder(
                            "eliot.destination.failures",
                            destinations,
                            d -> Eliot.deliveryCounters().destinationFailures())
                    .description("Times a destination failed to write a message")
                    .register(registry);
            FunctionCounter.builder("eliot.messages.dropped", destinations, EliotMetricsAutoConfiguration::queueDrops)
                    .description("Messages dropped by a full asynchronous queue")
                    .tag("reason", "queue_full")
                    .register(registry);
            FunctionCounter.builder("eliot.messages.dropped", destinations, d -> {
                        DeliveryCounters c = Eliot.deliveryCounters();
                        return c.droppedBeforeFirstDestination() + c.droppedWithoutDestination();
                    })
                    .description("Messages logged when no destination could take them")
                    .tag("reason", "no_destination")
                    .register(registry);
            FunctionCounter.builder(
                            "eliot.messages.dropped",
                            destinations,
                            d -> Eliot.deliveryCounters().droppedWhileWriting())
                    .description("Messages logged by a thread while it was writing a message")
                    .tag("reason", "recursive")
                    .register(registry);
        };
    }

    private static double queueDrops(EliotDestinations destinations) {
        return destinations.all().stream()
                .filter(AsyncDestination.class::isInstance)
                .mapToLong(d -> ((AsyncDestination) d).dropped())
                .sum();
    }
}
