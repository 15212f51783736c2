package io.eliot.spring.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.spring.web.RequestLog;
import io.eliot.testing.CapturedLog;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@link ReactiveChainTest} without automatic context propagation: the action reaches operators
 * after a thread hop only through the Reactor Context, read with {@code EliotReactor.enter}.
 */
@SpringBootTest(
        classes = ReactiveChainApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.main.web-application-type=reactive")
class ReactiveChainExplicitPropagationTest extends ReactiveChainTest {

    @Test
    void withoutTheHookPlainLogsAfterAHopAreOutsideTheTaskWhileTheActionsStillNest(CapturedLog captured)
            throws Exception {
        assertThat(RequestLog.outline(order("plain", captured))).isEqualTo("""
                test:caller succeeded
                  eliot:remote_task succeeded
                    http:request succeeded
                      test:order succeeded
                        http:client_request succeeded
                          eliot:remote_task succeeded
                            http:request succeeded
                              test:shelves succeeded
                """);
    }
}
