package io.eliot.spring.web;

import io.eliot.core.destination.MemoryDestination;
import org.springframework.boot.test.context.SpringBootTest;

/** {@link FuzzedTaskIdHeaders} against the WebFlux decorator on Reactor Netty. */
@SpringBootTest(
        classes = WebFluxTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.main.web-application-type=reactive")
class WebFluxFuzzedTaskIdHeaderTest extends FuzzedTaskIdHeaders {

    @Override
    MemoryDestination memory() {
        return WebFluxTestApplication.MEMORY;
    }
}
