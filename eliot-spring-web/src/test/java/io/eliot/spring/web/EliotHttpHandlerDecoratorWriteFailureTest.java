package io.eliot.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.testing.CaptureLogging;
import io.eliot.testing.CapturedLog;
import io.eliot.testing.LoggedAction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How the decorator reads a handling that ends in error, pinned with a server side written here:
 * WebFlux on a servlet container may end a request whose client left with the failed write's
 * {@code IOException} (Spring's servlet adapter cancels the body, then fails the write), a race the
 * Tomcat test ({@link WebFluxOnTomcatTest}) cannot choose; it must read as the same cancellation as
 * on Reactor Netty, while a body that fails by itself keeps its own error.
 */
@CaptureLogging
class EliotHttpHandlerDecoratorWriteFailureTest {

    private static final HttpHandler STREAM = new EliotHttpHandlerDecorator()
            .apply((request, response) -> response.writeWith(Flux.range(0, 10)
                    .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(
                            ("chunk " + i + "\n").getBytes(StandardCharsets.US_ASCII)))));

    @Test
    void aWriteFailingAfterTheServerCutTheBodyFailsTheActionAsCancelled(CapturedLog captured) {
        Mono<Void> handling = STREAM.handle(MockServerHttpRequest.get("/stream").build(), new ServerSide(true));

        assertThatThrownBy(handling::block).as("the server's own error").hasRootCauseInstanceOf(IOException.class);
        List<LoggedAction> requests = LoggedAction.ofType(captured.messages(), "http:request");
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).endMessage().fields())
                .containsEntry("exception", "java.util.concurrent.CancellationException")
                .containsEntry("reason", EliotHttpHandlerDecorator.CANCELLED);
    }

    @Test
    void aBodyThatFailsByItselfFailsTheActionWithItsError(CapturedLog captured) {
        HttpHandler failing = new EliotHttpHandlerDecorator()
                .apply((request, response) -> response.writeWith(Flux.concat(
                        Mono.just(DefaultDataBufferFactory.sharedInstance.wrap(new byte[] {'a'})),
                        Mono.error(new IllegalStateException("mid-body")))));

        Mono<Void> handling =
                failing.handle(MockServerHttpRequest.get("/broken").build(), new ServerSide(false));

        assertThatThrownBy(handling::block).isInstanceOf(IllegalStateException.class);
        List<LoggedAction> requests = LoggedAction.ofType(captured.messages(), "http:request");
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).endMessage().fields())
                .containsEntry("exception", "java.lang.IllegalStateException")
                .containsEntry("reason", "mid-body");
    }

    /**
     * Writes the body to nowhere; when {@code clientLeft}, as Spring's servlet adapter does when a
     * write fails: after the first buffer it cancels the body, then fails with an {@code IOException}.
     */
    private static final class ServerSide extends AbstractServerHttpResponse {
        private final boolean clientLeft;

        ServerSide(boolean clientLeft) {
            super(DefaultDataBufferFactory.sharedInstance);
            this.clientLeft = clientLeft;
        }

        @Override
        public <T> T getNativeResponse() {
            throw new UnsupportedOperationException();
        }

        @Override
        protected Mono<Void> writeWithInternal(Publisher<? extends DataBuffer> body) {
            Flux<? extends DataBuffer> written = clientLeft ? Flux.from(body).take(1, true) : Flux.from(body);
            Mono<Void> done = written.doOnNext(DataBufferUtils::release).then();
            return clientLeft ? done.then(Mono.error(new IOException("Broken pipe"))) : done;
        }

        @Override
        protected Mono<Void> writeAndFlushWithInternal(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return writeWithInternal(Flux.from(body).concatMap(Flux::from));
        }

        @Override
        protected void applyStatusCode() {}

        @Override
        protected void applyHeaders() {}

        @Override
        protected void applyCookies() {}
    }
}
