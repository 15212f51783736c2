package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.parse.ParsedTask;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClientCallTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();

    @Test
    void theIdACallSendsIsContinuedByTheServerInsideTheCallsAction() {
        Eliot.startTask("shop:checkout").run(() -> {
            ClientCall call = ClientCall.start("rpc:call", Map.of("method", "charge"));
            String sent = call.newTaskId();
            // The other side of the wire.
            TaskContinuation.of("rpc:serve").start(sent, Map.of()).run(() -> Message.log("rpc:charged"));
            call.finish(null, Map.of("outcome", "ok"));
        });

        assertThat(ParsedOutline.only(log.messages(), "method", "outcome")).isEqualTo("""
                / shop:checkout succeeded
                  /2 rpc:call succeeded method=charge outcome=ok
                    /2/2 eliot:remote_task succeeded
                      /2/2/2 rpc:serve succeeded
                        /2/2/2/2 rpc:charged
                """);
    }

    @Test
    void everyIdTakesANewPositionSoARetryIsNotTheSameChild() {
        ClientCall call = ClientCall.start("rpc:call", Map.of());

        String first = call.newTaskId();
        String retry = call.newTaskId();
        call.finish();

        assertThat(first).isEqualTo(call.action().taskUuid() + "@/2");
        assertThat(retry).isEqualTo(call.action().taskUuid() + "@/3");
    }

    @Test
    void aCallOutsideAnyActionIsATaskOfItsOwn() {
        ClientCall call = ClientCall.start("rpc:call", null);
        call.finish();

        assertThat(ParsedOutline.only(log.messages())).isEqualTo("/ rpc:call succeeded\n");
    }

    @Test
    void theCurrentTaskIdIsAFreshPositionInTheCurrentActionAndEmptyOutsideOne() {
        assertThat(ClientCall.currentTaskId()).isEmpty();
        Action send = Eliot.startTask("queue:send");
        List<String> ids;
        try (ContextScope ignored = send.context()) {
            ids = List.of(
                    ClientCall.currentTaskId().orElseThrow(),
                    ClientCall.currentTaskId().orElseThrow());
        }
        send.finish();

        assertThat(ids).containsExactly(send.taskUuid() + "@/2", send.taskUuid() + "@/3");
    }

    @Test
    void aStatusIsASuccessFieldAndA5xxOrAnExceptionFailsTheCall() {
        Eliot.startTask("shop:checkout").run(() -> {
            ClientCall.start("http:client_request", Map.of()).finishWithHttpStatus(404);
            ClientCall.start("http:client_request", Map.of()).finishWithHttpStatus(502);
            ClientCall.start("http:client_request", Map.of()).finish(new java.io.IOException("reset"));
        });

        assertThat(ParsedOutline.only(log.messages(), "status", "exception", "reason"))
                .isEqualTo("""
                / shop:checkout succeeded
                  /2 http:client_request succeeded status=404
                  /3 http:client_request failed status=502 exception=io.eliot.core.HttpServerErrorStatus \
                reason=HTTP status 502
                  /4 http:client_request failed exception=java.io.IOException reason=reset
                """);
    }

    @Test
    void theServerErrorRuleIsFiveHundredToFiveNinetyNine() {
        assertThat(HttpServerErrorStatus.failureFor(499)).isNull();
        assertThat(HttpServerErrorStatus.failureFor(600)).isNull();
        assertThat(HttpServerErrorStatus.failureFor(500).status()).isEqualTo(500);
        assertThat(HttpServerErrorStatus.isServerError(599)).isTrue();
    }

    @Test
    void aResponseAndACancellationRacingFinishTheCallOnce() throws Exception {
        Action parent = Eliot.startTask("shop:checkout");
        int rounds = 200;
        try (ContextScope ignored = parent.context()) {
            for (int i = 0; i < rounds; i++) {
                ClientCall call = ClientCall.start("http:client_request", Map.of());
                boolean[] won = Races.race(
                        () -> call.finishWithHttpStatus(200),
                        () -> call.finish(new java.util.concurrent.CancellationException("cancelled")));
                assertThat(won[0] ^ won[1]).isTrue();
                assertThat(call.isFinished()).isTrue();
            }
        }
        parent.finish();

        ParsedTask task = ParsedOutline.tasks(log.messages()).get(0);
        assertThat(task.complete()).isTrue();
        assertThat(ParsedOutline.of(task, "status", "exception").lines())
                .filteredOn(l -> l.contains("http:client_request"))
                .hasSize(rounds)
                .allMatch(l -> l.endsWith("succeeded status=200")
                        || l.endsWith("failed exception=java.util.concurrent.CancellationException"));
    }
}
