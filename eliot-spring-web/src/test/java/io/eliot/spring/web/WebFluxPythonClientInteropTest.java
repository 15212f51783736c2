package io.eliot.spring.web;

import io.eliot.core.destination.MemoryDestination;
import org.springframework.boot.test.context.SpringBootTest;

/** {@link PythonClientInterop} against the WebFlux decorator on Reactor Netty. */
@SpringBootTest(
        classes = WebFluxTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.main.web-application-type=reactive")
class WebFluxPythonClientInteropTest extends PythonClientInterop {

    @Override
    MemoryDestination serverLog() {
        return WebFluxTestApplication.MEMORY;
    }
}
