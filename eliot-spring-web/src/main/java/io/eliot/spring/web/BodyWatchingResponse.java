package io.eliot.spring.web;

import java.nio.file.Path;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ZeroCopyHttpOutputMessage;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A response that reports when the server cancels a body it was writing: the connection failed or
 * the client left before the body ended (a server may then complete the handling regardless).
 * Keeps zero-copy file transfer when the response has it.
 */
class BodyWatchingResponse extends ServerHttpResponseDecorator {

    private final Runnable onCut;

    private BodyWatchingResponse(ServerHttpResponse delegate, Runnable onCut) {
        super(delegate);
        this.onCut = onCut;
    }

    /** {@code response}, calling {@code onCut} when the server cancels a body written to it. */
    static ServerHttpResponse of(ServerHttpResponse response, Runnable onCut) {
        return response instanceof ZeroCopyHttpOutputMessage
                ? new ZeroCopy(response, onCut)
                : new BodyWatchingResponse(response, onCut);
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
        return super.writeWith(watched(body));
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
        return super.writeAndFlushWith(Flux.from(body).doOnCancel(onCut));
    }

    private Publisher<? extends DataBuffer> watched(Publisher<? extends DataBuffer> body) {
        return body instanceof Mono<? extends DataBuffer> mono
                ? mono.doOnCancel(onCut)
                : Flux.from(body).doOnCancel(onCut);
    }

    /** For responses that write files without copying them. */
    private static final class ZeroCopy extends BodyWatchingResponse implements ZeroCopyHttpOutputMessage {
        ZeroCopy(ServerHttpResponse delegate, Runnable onCut) {
            super(delegate, onCut);
        }

        @Override
        public Mono<Void> writeWith(Path file, long position, long count) {
            return ((ZeroCopyHttpOutputMessage) getDelegate()).writeWith(file, position, count);
        }
    }
}
