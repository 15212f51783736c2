/**
 * Eliot's Spring Boot auto-configuration: destinations, global fields and exception extractors from
 * {@code application.yml}, the aspect on beans, HTTP and Kafka propagation, the logback bridge,
 * context propagation and metrics. Everything but Boot and eliot-core is optional.
 */
module io.eliot.spring {
    requires transitive io.eliot.core;
    requires transitive io.eliot.aspects;
    requires static io.eliot.kafka;
    requires static io.eliot.journald;
    requires static io.eliot.logback;
    requires static io.eliot.spring.web;
    requires spring.boot;
    requires spring.boot.autoconfigure;
    requires spring.beans;
    requires spring.context;
    requires spring.core;
    requires spring.aop;
    requires org.apache.commons.logging;
    requires java.desktop; // java.beans: exception extractors read bean properties
    requires static org.slf4j;
    requires static ch.qos.logback.classic;
    requires static ch.qos.logback.core;
    requires static micrometer.core;
    requires static context.propagation;
    requires static jakarta.servlet;
    requires static spring.web;
    requires static spring.webmvc;
    requires static spring.webflux;
    requires static spring.boot.restclient;
    requires static spring.boot.webclient;
    requires static spring.boot.kafka;
    requires static spring.kafka;
    requires static kafka.clients;
    requires static tools.jackson.databind;
    requires static spring.boot.jackson;

    exports io.eliot.spring;
    exports io.eliot.spring.boot.web;
    exports io.eliot.spring.kafka;
    exports io.eliot.spring.logging;

    // Spring instantiates the auto-configurations (and their CGLIB subclasses) and binds properties.
    opens io.eliot.spring to
            spring.core,
            spring.beans,
            spring.context;
    opens io.eliot.spring.boot.web to
            spring.core,
            spring.beans,
            spring.context;
    opens io.eliot.spring.kafka to
            spring.core,
            spring.beans,
            spring.context;
    opens io.eliot.spring.logging to
            spring.core,
            spring.beans,
            spring.context;
    opens io.eliot.spring.internal to
            spring.core,
            spring.beans,
            spring.context;
}
