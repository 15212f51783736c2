package io.eliot.spring.web;

import io.eliot.core.destination.MemoryDestination;
import org.springframework.boot.test.context.SpringBootTest;

/** {@link FuzzedTaskIdHeaders} against the servlet filter on Tomcat. */
@SpringBootTest(
        classes = WebTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.mvc.async.request-timeout=5s"})
class FuzzedTaskIdHeaderTest extends FuzzedTaskIdHeaders {

    @Override
    MemoryDestination memory() {
        return WebTestApplication.MEMORY;
    }
}
