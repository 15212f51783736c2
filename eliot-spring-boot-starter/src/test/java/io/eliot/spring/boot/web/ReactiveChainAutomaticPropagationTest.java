package io.eliot.spring.boot.web;

import io.eliot.testing.CapturedLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import reactor.core.publisher.Hooks;

/**
 * {@link ReactiveChainTest} with {@code spring.reactor.context-propagation=auto}, which makes Boot
 * call {@code Hooks.enableAutomaticContextPropagation()}: plain {@code Eliot.log} calls in operators
 * after thread hops nest where they belong, with no Eliot code in the pipeline. The global hook is
 * switched off after the class, and the context is closed rather than cached for other classes.
 */
@SpringBootTest(
        classes = ReactiveChainApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.web-application-type=reactive", "spring.reactor.context-propagation=auto"})
@DirtiesContext
class ReactiveChainAutomaticPropagationTest extends ReactiveChainTest {

    @AfterAll
    static void disableTheHook() {
        Hooks.disableAutomaticContextPropagation();
    }

    @Test
    void plainLogsAfterHopsMakeOneCompleteTaskAcrossHopsAndServices(CapturedLog captured) throws Exception {
        assertOneTask(order("plain", captured));
    }
}
