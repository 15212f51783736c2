/** Eliot and Apache Kafka: a destination writing to a topic, and tasks carried in record headers. */
module io.eliot.kafka {
    requires transitive io.eliot.core;
    requires static kafka.clients;

    exports io.eliot.kafka;
}
