package io.eliot.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.testing.CaptureLogging;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;

/** The WebFlux decorator's scenarios ({@link WebFluxServerScenarios}) on Reactor Netty. */
@CaptureLogging
@SpringBootTest(
        classes = WebFluxTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.main.web-application-type=reactive")
class EliotHttpHandlerDecoratorTest extends WebFluxServerScenarios {

    @Test
    void theServerIsReactorNetty(@Autowired ReactiveWebServerApplicationContext context) {
        assertThat(context.getWebServer()).isInstanceOf(NettyWebServer.class);
    }
}
