package io.eliot.spring.web;

import io.eliot.core.destination.MemoryDestination;
import org.springframework.boot.test.context.SpringBootTest;

/** {@link PythonClientInterop} against the servlet filter. */
@SpringBootTest(
        classes = WebTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.mvc.async.request-timeout=5s"})
class ServletPythonClientInteropTest extends PythonClientInterop {

    @Override
    MemoryDestination serverLog() {
        return WebTestApplication.MEMORY;
    }
}
