/**
 * Eliot's Spring Boot auto-configuration: destinations, global fields and exception extractors from
 * {@code application.yml}, the aspect on beans, HTTP and Kafka propagation, the logback bridge,
 * context propagation and metrics. Everything but Boot and eliot-core is optional.
 */
module io.eliot.spring {
    requires transitive io.eliot.core;
    requires transitive io.eliot.aspects;
    requires static transitive io.eliot.kafka;
    requires static io.eliot.journald;
    requires static io.eliot.opentelemetry;
    requires static transitive io.eliot.logback;
    requires static transitive io.eliot.spring.web;
    requires transitive spring.boot;
    requires transitive spring.boot.autoconfigure;
    requires transitive spring.beans;
    requires transitive spring.context;
    requires transitive spring.core;
    requires spring.aop;
    requires org.apache.commons.logging;
    requires java.desktop; // java.beans: exception extractors read bean properties
    requires static transitive org.slf4j;
    requires static transitive ch.qos.logback.classic;
    requires static ch.qos.logback.core;
    requires static transitive micrometer.core;
    requires static micrometer.tracing;
    requires static io.opentelemetry.api;
    requires static io.opentelemetry.context;
    requires static transitive jakarta.servlet;
    requires static transitive spring.web;
    requires static transitive spring.webmvc;
    requires static spring.webflux;
    requires static spring.boot.restclient;
    requires static spring.boot.webclient;
    requires static spring.boot.kafka;
    requires static transitive spring.kafka;
    requires static transitive kafka.clients;
    requires static tools.jackson.databind;
    requires transitive io.eliot.viewer;
    requires static spring.boot.actuator;
    requires static spring.boot.actuator.autoconfigure;
    requires static org.jspecify;
    requires static spring.boot.jackson;

    exports io.eliot.spring;
    exports io.eliot.spring.actuate;
    exports io.eliot.spring.boot.web;
    exports io.eliot.spring.kafka;
    exports io.eliot.spring.logging;
    exports io.eliot.spring.opentelemetry;

    // Spring instantiates the auto-configurations (and their CGLIB subclasses) and binds properties.
    opens io.eliot.spring to
            spring.core,
            spring.beans,
            spring.context;
    // Actuator reads the endpoint's operations by reflection.
    opens io.eliot.spring.actuate to
            spring.core,
            spring.beans,
            spring.context,
            spring.boot.actuator;
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
    opens io.eliot.spring.opentelemetry to
            spring.core,
            spring.beans,
            spring.context;
    opens io.eliot.spring.internal to
            spring.core,
            spring.beans,
            spring.context;
}
