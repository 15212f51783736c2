package io.eliot.spring.kafka;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** The in-JVM broker and the Kafka clients log a great deal at INFO; tests show only their errors. */
final class QuietKafka {

    private QuietKafka() {}

    static void logs() {
        for (String name :
                new String[] {"org.apache.kafka", "kafka", "state.change.logger", "org.springframework.kafka"}) {
            ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.ERROR);
        }
    }
}
