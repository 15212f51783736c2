package io.eliot.opentelemetry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP receiver on a random local port, as a collector's {@code otlphttp} receiver: takes
 * {@code POST /v1/logs} and {@code /v1/traces} with protobuf bodies, decodes them with the official
 * opentelemetry-proto classes and keeps every log record and span. Also in the test-jar, for
 * eliot-tracing-tests.
 */
public final class OtlpReceiver implements AutoCloseable {

    /** A received log record with the name of its instrumentation scope. */
    public record ReceivedLog(String scope, LogRecord record) {}

    private final HttpServer server;
    private final List<ReceivedLog> logs = new CopyOnWriteArrayList<>();
    private final List<Span> spans = new CopyOnWriteArrayList<>();
    private final List<String> rejected = new CopyOnWriteArrayList<>();

    public OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/v1/logs",
                exchange -> handle(exchange, body -> {
                    ExportLogsServiceRequest request = ExportLogsServiceRequest.parseFrom(body);
                    request.getResourceLogsList()
                            .forEach(resource -> resource.getScopeLogsList()
                                    .forEach(scope -> scope.getLogRecordsList()
                                            .forEach(r -> logs.add(new ReceivedLog(
                                                    scope.getScope().getName(), r)))));
                    return ExportLogsServiceResponse.getDefaultInstance().toByteArray();
                }));
        server.createContext(
                "/v1/traces",
                exchange -> handle(exchange, body -> {
                    ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
                    request.getResourceSpansList()
                            .forEach(resource ->
                                    resource.getScopeSpansList().forEach(scope -> spans.addAll(scope.getSpansList())));
                    return ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                }));
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }

    private interface Decoder {
        byte[] decode(byte[] body) throws IOException;
    }

    private void handle(HttpExchange exchange, Decoder decoder) throws IOException {
        try (exchange) {
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (!"POST".equals(exchange.getRequestMethod()) || !"application/x-protobuf".equals(type)) {
                rejected.add(exchange.getRequestMethod() + " " + type);
                exchange.sendResponseHeaders(415, -1);
                return;
            }
            InputStream in = exchange.getRequestBody();
            if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                in = new GZIPInputStream(in);
            }
            byte[] response;
            try {
                response = decoder.decode(in.readAllBytes());
            } catch (IOException e) {
                rejected.add(e.toString());
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, response.length);
            exchange.getResponseBody().write(response);
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:4711}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<ReceivedLog> logs() {
        return new ArrayList<>(logs);
    }

    public List<Span> spans() {
        return new ArrayList<>(spans);
    }

    /** Requests refused: wrong method or content type, or a body that is not the protobuf message. */
    public List<String> rejected() {
        return new ArrayList<>(rejected);
    }

    /** The attributes as plain Java values: strings, booleans, longs, doubles and lists of them. */
    public static Map<String, Object> attributes(List<KeyValue> attributes) {
        Map<String, Object> map = new LinkedHashMap<>();
        attributes.forEach(kv -> map.put(kv.getKey(), value(kv.getValue())));
        return map;
    }

    public static Object value(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> value.getBoolValue();
            case INT_VALUE -> value.getIntValue();
            case DOUBLE_VALUE -> value.getDoubleValue();
            case ARRAY_VALUE ->
                value.getArrayValue().getValuesList().stream()
                        .map(OtlpReceiver::value)
                        .toList();
            case KVLIST_VALUE -> attributes(value.getKvlistValue().getValuesList());
            case BYTES_VALUE -> value.getBytesValue().toByteArray();
            case VALUE_NOT_SET -> null;
        };
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
