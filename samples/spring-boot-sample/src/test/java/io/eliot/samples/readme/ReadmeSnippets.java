package io.eliot.samples.readme;

// tag::quickstart[]
import io.eliot.core.Eliot;
import io.eliot.core.Message;
import io.eliot.core.destination.ConsoleDestination;
// end::quickstart[]
// tag::annotations[]
import io.eliot.annotations.FieldName;
import io.eliot.annotations.LogMessage;
import io.eliot.annotations.LoggedAction;
import io.eliot.annotations.NotLogged;
// end::annotations[]
import io.eliot.core.ClientCall;
import io.eliot.core.TaskContinuation;
// tag::three-ways[]
import io.eliot.core.Action;
import io.eliot.core.ActionScope;
import io.eliot.core.ContextScope;
import io.eliot.core.Eliot;
// end::three-ways[]
import io.eliot.core.destination.AsyncDestination;
import io.eliot.core.slf4j.EliotMdc;
import io.eliot.kafka.EliotKafka;
import io.eliot.kafka.EliotProducerInterceptor;
import io.eliot.kafka.KafkaDestination;
import io.eliot.spring.web.EliotClientHttpRequestInterceptor;
import io.eliot.spring.web.EliotExchangeFilterFunction;
import io.eliot.spring.web.EliotHttpHandlerDecorator;
import io.eliot.spring.web.EliotRequestFilter;
import jakarta.jms.JMSException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import io.eliot.testing.CaptureLogging;
import io.eliot.testing.CapturedLog;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

// tag::reactor[]
import io.eliot.core.ContextScope;
import io.eliot.core.Eliot;
import io.eliot.core.reactor.EliotReactor;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
// end::reactor[]
// tag::opentelemetry[]
import io.eliot.core.Eliot;
import io.eliot.opentelemetry.OpenTelemetryDestination;
import io.opentelemetry.api.OpenTelemetry;
// end::opentelemetry[]
import io.opentelemetry.api.trace.Span; // the trace-fields snippet
// tag::testing[]
import static io.eliot.testing.EliotAssertions.assertHasAction;
import static io.eliot.testing.EliotAssertions.assertThat;   // sits beside AssertJ's assertThat
import static org.assertj.core.api.Assertions.assertThat;
// end::testing[]

/**
 * Every Java snippet of the root README.md, compiled: each {@code tag::name[]} region here is a
 * README code block, word for word ({@link ReadmeSnippetsTest} checks). Edit them here, then copy
 * them into the README.
 */
@SuppressWarnings("unused")
class ReadmeSnippets {

    // The names the snippets use; not part of any snippet.
    record Receipt(String id) {}

    interface Gateway {
        Receipt charge(double amount) throws IOException;
    }

    Gateway gateway = amount -> new Receipt("r-1");
    double total = 12.5;
    String key = "k";
    String value = "v";
    String request = "GET /";
    RestTemplate restTemplate = new RestTemplate();

    void charge(double amount) {}

    void store(String key, String value) {}

    void prepare() {}

    void work() {}

    int compute() {
        return 42;
    }

    String handle(String request) {
        return request;
    }

    void quickstart() {
        // tag::quickstart[]

        Eliot.addDestination(ConsoleDestination.stdout());

        Eliot.startTask("shop:checkout", "cart", 42).run(() -> {
            Message.log("shop:cart:priced", "total", 12.5);
            Eliot.startAction("shop:charge", "amount", 12.5).run(() -> charge(12.5));
        });
        // end::quickstart[]
    }

    void threeWays() throws IOException {
        // tag::three-ways[]

        // 1. Lambda: finishes by itself; checked exceptions pass through unchanged.
        Receipt r = Eliot.startAction("shop:charge", "amount", total).call(() -> gateway.charge(total));

        // 2. try-with-resources: succeeds only if succeed() was reached, so an exception that escapes
        //    the block is never logged as success (it is logged as failed with ActionNotSucceededException;
        //    call scope.fail(e) in a catch inside the block to log the real exception).
        try (ActionScope scope = Eliot.startAction("db:store", "key", key).scope()) {
            store(key, value);
            scope.succeed();
        }

        // 3. Context without finishing, for work that ends later or elsewhere.
        Action action = Eliot.startAction("job:frob");
        try (ContextScope ignored = action.context()) { prepare(); }
        action.finish();              // or action.finish(exception)
        // end::three-ways[]
    }

    void crossing() {
        // tag::crossing[]
        // Threads: the work runs as an eliot:remote_task child of the current action.
        new Thread(Eliot.preserveContext(() -> { work(); })).start();   // Runnable; preserveContext(Callable) too
        ExecutorService pool = Eliot.contextPreserving(Executors.newFixedThreadPool(4));
        CompletableFuture<Integer> f = Eliot.supplyAsync(() -> compute(), pool);

        // Processes: send a serialized task id (e.g. in the x-eliot-task-id HTTP header) ...
        String taskId = Eliot.currentAction().orElseThrow().serializeTaskId();   // "uuid@/2/3"
        // ... and continue the task on the other side (Java or Python Eliot).
        Eliot.continueTask(taskId).run(() -> handle(request));
        // end::crossing[]
    }

    void reactor(long id) {
        // tag::reactor[]

        // An action per subscription around a publisher: a child of the subscriber's action, current for
        // the upstream (and in its Context), finished once on value, completion, error or cancellation.
        Mono<Order> load = EliotReactor.inAction(
                Mono.fromCallable(() -> orders.get(id)),
                () -> Eliot.startAction("orders:load", "order_id", id));

        // The current action into the Context, and current again inside an operator on another thread.
        Mono<Order> checked = load
                .publishOn(Schedulers.parallel())
                .flatMap(order -> Mono.deferContextual(context -> {
                    try (ContextScope scope = EliotReactor.enter(context)) {
                        Eliot.log("orders:checked", "sku", order.sku());
                    }
                    return Mono.just(order);
                }))
                .contextWrite(EliotReactor.withCurrentAction());
        // end::reactor[]
    }

    record Order(String sku, int quantity) {}

    static class OrderNotFound extends RuntimeException {}

    interface Orders {
        Order save(Order order);

        Order get(long id);
    }

    static Orders orders;

    // tag::annotations[]

    public class OrderService {
        @LoggedAction("orders:create")                       // an action around every call
        public Order create(String sku, int quantity, @NotLogged String paymentToken) {
            return orders.save(new Order(sku, quantity));
        }

        @LoggedAction(value = "orders:find", successOn = OrderNotFound.class)
        public Order find(@FieldName("order_id") long id) {
            return orders.get(id);
        }

        @LogMessage("orders:cache_miss")                      // one message per call, before the body runs
        void cacheMiss(long id) {}
    }
    // end::annotations[]

    void handBuiltClients() {
        // tag::clients[]
        RestClient client = RestClient.builder().requestInterceptor(new EliotClientHttpRequestInterceptor()).build();
        restTemplate.getInterceptors().add(new EliotClientHttpRequestInterceptor());
        WebClient webClient = WebClient.builder().filter(new EliotExchangeFilterFunction()).build();
        // end::clients[]
    }

    void withoutBoot(ServletContext servletContext) {
        // tag::without-boot[]
        EliotRequestFilter filter = new EliotRequestFilter();            // io.eliot.spring.web
        filter.setExcludePaths(List.of("/static/**"));
        FilterRegistration.Dynamic registration = servletContext.addFilter("eliot", filter);
        registration.setAsyncSupported(true);                             // REQUEST and ASYNC, before other filters
        registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), false, "/*");
        // end::without-boot[]
    }

    interface ReactiveOrders {
        Mono<Order> load(long id);
    }

    Mono<Order> webFluxHandler(ReactiveOrders orders, long id) {
        // tag::webflux-context[]
        return Mono.deferContextual(context -> orders.load(id)
                .publishOn(Schedulers.parallel())
                .map(order -> {
                    try (ContextScope ignored = EliotReactor.enter(context)) {
                        Eliot.log("shop:loaded", "sku", order.sku());
                    }
                    return order;
                }));
        // end::webflux-context[]
    }

    HttpHandler webFluxWithoutBoot(DispatcherHandler dispatcherHandler) {
        // tag::webflux-without-boot[]
        EliotHttpHandlerDecorator eliot = new EliotHttpHandlerDecorator();   // io.eliot.spring.web
        HttpHandler handler = WebHttpHandlerBuilder.webHandler(dispatcherHandler)
                .filter(eliot)
                .httpHandlerDecorator(eliot)
                .build();
        // end::webflux-without-boot[]
        return handler;
    }

    static class JmsOrders {
        String queueName = "orders";

        void handle(jakarta.jms.Message message) throws JMSException {}

        // tag::any-transport[]
        static final TaskContinuation ORDERS = TaskContinuation.of("jms:order")
                .withHeaderName("eliotTaskId")          // JMS property names are Java identifiers
                .withRedeliveryCheck();                 // a redelivered message gets a task of its own

        // end::any-transport[]

        void send(jakarta.jms.Message message) throws JMSException {
            // tag::any-transport[]
            // Sending, inside an action: a fresh id, one per message.
            Optional<String> taskId = ClientCall.currentTaskId();
            if (taskId.isPresent()) message.setStringProperty("eliotTaskId", taskId.get());

            // end::any-transport[]
        }

        // tag::any-transport[]
        // Receiving: runs handle() as jms:order in the sender's task; finished as succeeded or failed.
        public void onMessage(jakarta.jms.Message message) {
            try {
                ORDERS.start(message.getStringProperty("eliotTaskId"), Map.of("queue", queueName))
                        .run(() -> handle(message));
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        }
        // end::any-transport[]
    }

    static void ship(String order) {}

    interface Server {
        void stop();
    }

    void closeLast(Server server) {
        // tag::close-last[]
        Eliot.closeDestinationsAtShutdown(false);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();               // still logging
            Eliot.closeDestinations();   // last
        }));
        // end::close-last[]
    }

    void mdc() {
        // tag::mdc[]
        EliotMdc.install();                                 // eliot.task_uuid, eliot.task_level
        EliotMdc.install("trace.task", "trace.task_level"); // your keys
        EliotMdc.uninstall();
        // end::mdc[]
    }

    void kafka(Properties props, ConsumerRecord<String, String> record) {
        // tag::kafka[]
        Eliot.addDestination(AsyncDestination.wrap(KafkaDestination.builder("kafka-1:9092", "eliot").build()));
        props.put(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, EliotProducerInterceptor.class.getName()); // producers
        EliotKafka.process(record, () -> ship(record.value()));                                          // consumers
        // end::kafka[]
    }

    interface Checkout {
        void run(String cart);
    }

    static class CardDeclinedException extends RuntimeException {}

    static Checkout checkout;
    static String cart = "c-7";
    static String declinedCart = "c-8";

    // tag::testing[]

    @CaptureLogging
    class CheckoutTest {
        @Test
        void chargesTheCard(CapturedLog log) {
            checkout.run(cart);
            assertHasAction(log, "shop:checkout", true, Map.of("cart", "c-7"), Map.of("total", 12.5));
            assertThat(log).hasAction("shop:checkout").succeeded().withChild("shop:charge");
        }

        @Test
        void aDeclinedCardIsReported(CapturedLog log) {
            checkout.run(declinedCart);
            assertThat(log.flushTracebacks(CardDeclinedException.class)).hasSize(1);
        }
    }
    // end::testing[]

    void openTelemetry(OpenTelemetry openTelemetry) {
        // tag::opentelemetry[]

        // openTelemetry: the application's (Spring Boot's OpenTelemetry bean, or its OpenTelemetrySdk)
        Eliot.addDestination(OpenTelemetryDestination.builder(openTelemetry)
                .actionSpans(true) // each action also a span; off by default
                .build());
        // end::opentelemetry[]
    }

    void traceFields() {
        // tag::trace-fields[]
        Eliot.addContextFields(() -> {
            Span span = Span.current();
            return span.getSpanContext().isValid()
                    ? Map.of("trace_id", span.getSpanContext().getTraceId(), "span_id", span.getSpanContext().getSpanId())
                    : null;
        });
        // end::trace-fields[]
    }
}
