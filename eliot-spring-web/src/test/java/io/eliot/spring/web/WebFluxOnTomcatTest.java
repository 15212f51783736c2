package io.eliot.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.testing.CaptureLogging;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.http.server.reactive.ServletHttpHandlerAdapter;

/**
 * The WebFlux decorator's scenarios ({@link WebFluxServerScenarios}) on a servlet container: WebFlux
 * on Tomcat, which runs the decorated {@code HttpHandler} through Spring's {@link
 * ServletHttpHandlerAdapter} (asynchronous servlet I/O).
 */
@CaptureLogging
@SpringBootTest(
        classes = WebFluxTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.web-application-type=reactive", WebFluxTestApplication.SERVER + "=tomcat"})
class WebFluxOnTomcatTest extends WebFluxServerScenarios {

    @Test
    void theServerIsTomcat(@Autowired ReactiveWebServerApplicationContext context) {
        assertThat(context.getWebServer()).isInstanceOf(TomcatWebServer.class);
    }
}
