/**
 * Eliot over Apache Kafka: {@link io.eliot.kafka.KafkaDestination} produces every message as a
 * record, {@link io.eliot.kafka.EliotProducerInterceptor} and {@link io.eliot.kafka.EliotKafka}
 * carry a task from a producer to the consumer of its records. Needs {@code
 * org.apache.kafka:kafka-clients} on the class path.
 */
package io.eliot.kafka;
