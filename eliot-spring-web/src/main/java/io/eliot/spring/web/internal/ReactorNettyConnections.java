package io.eliot.spring.web.internal;

import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.util.ClassUtils;
import reactor.netty.Connection;

/**
 * Whether the client of a response served by Reactor Netty has gone: Reactor Netty completes the
 * handling of a request whose connection closed mid-response (it cancels the body and the write
 * completes), so only the connection tells a cut response from a complete one. The connection is
 * taken when the handling starts (Reactor Netty detaches it from the response once it is done).
 */
public final class ReactorNettyConnections {

    private static final boolean PRESENT =
            ClassUtils.isPresent("io.netty.channel.Channel", ReactorNettyConnections.class.getClassLoader())
                    && ClassUtils.isPresent("reactor.netty.Connection", ReactorNettyConnections.class.getClassLoader());

    private ReactorNettyConnections() {}

    /** The connection of {@code response} when Reactor Netty serves it, else {@code null}. Never throws. */
    public static Object connectionOf(ServerHttpResponse response) {
        try {
            return PRESENT ? Netty.channelOf(response) : null;
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Whether {@code connection} (a {@link #connectionOf} result) is closed; false for {@code null}. */
    public static boolean isClosed(Object connection) {
        return connection != null && Netty.isClosed(connection);
    }

    /** Loaded only with Reactor Netty present. */
    private static final class Netty {
        static Object channelOf(ServerHttpResponse response) {
            Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
            return nativeResponse instanceof Connection connection ? connection.channel() : null;
        }

        static boolean isClosed(Object channel) {
            return channel instanceof io.netty.channel.Channel c && !c.isActive();
        }
    }
}
