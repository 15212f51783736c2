package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.reactor.EliotReactor;
import io.eliot.core.reactor.EliotThreadLocalAccessor;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The current action through Reactor pipelines that hop threads ({@code publishOn}/{@code
 * subscribeOn} on the parallel and bounded-elastic schedulers): automatically with {@code
 * Hooks.enableAutomaticContextPropagation()} and the service-loaded {@link EliotThreadLocalAccessor},
 * explicitly with {@link EliotReactor}. Trees are read back with core's parser.
 */
class ReactorContextTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();

    /** The threads the operators ran on, to show the work really left the caller's thread. */
    private final Set<String> threads = ConcurrentHashMap.newKeySet();

    @AfterEach
    void resetHooks() {
        Hooks.disableAutomaticContextPropagation();
    }

    private <T> T logged(String type, T value) {
        threads.add(Thread.currentThread().getName());
        Eliot.log(type);
        return value;
    }

    private Mono<Integer> hoppingPipeline() {
        return Mono.fromCallable(() -> logged("on:elastic", 1))
                .subscribeOn(Schedulers.boundedElastic())
                .publishOn(Schedulers.parallel())
                .map(v -> logged("on:parallel", v + 1));
    }

    @Test
    void theAccessorIsLoadedByContextPropagationItselfOnce() {
        List<ThreadLocalAccessor<?>> eliot = ContextRegistry.getInstance().getThreadLocalAccessors().stream()
                .filter(a -> EliotThreadLocalAccessor.KEY.equals(a.key()))
                .toList();

        assertThat(eliot).hasSize(1).first().isInstanceOf(EliotThreadLocalAccessor.class);
        assertThat(EliotReactor.CONTEXT_KEY).isEqualTo("eliot.action");
    }

    @Test
    void withAutomaticPropagationTheActionIsCurrentInOperatorsOnOtherThreads() {
        Hooks.enableAutomaticContextPropagation();

        int result = Eliot.startTask("outer").call(() -> hoppingPipeline().block(Duration.ofSeconds(10)));

        assertThat(result).isEqualTo(2);
        assertThat(threads).allMatch(t -> t.startsWith("boundedElastic-") || t.startsWith("parallel-"));
        assertThat(ParsedOutline.only(log.messages())).isEqualTo("""
                / outer succeeded
                  /2 on:elastic
                  /3 on:parallel
                """);
    }

    @Test
    void withoutAutomaticPropagationOperatorsOnOtherThreadsLoseTheAction() {
        Eliot.startTask("outer").call(() -> hoppingPipeline().block(Duration.ofSeconds(10)));

        assertThat(ParsedOutline.tasks(log.messages())).hasSize(3);
    }

    @Test
    void explicitlyTheActionTravelsInTheContextAndIsEnteredInAnOperator() {
        Mono<Integer> pipeline = Mono.just(1)
                .publishOn(Schedulers.parallel())
                .flatMap(v -> Mono.deferContextual(context -> {
                    try (ContextScope ignored = EliotReactor.enter(context)) {
                        return Mono.just(logged("on:parallel", v));
                    }
                }));

        Eliot.startTask("outer")
                .call(() ->
                        pipeline.contextWrite(EliotReactor.withCurrentAction()).block(Duration.ofSeconds(10)));

        assertThat(threads).allMatch(t -> t.startsWith("parallel-"));
        assertThat(ParsedOutline.only(log.messages())).isEqualTo("""
                / outer succeeded
                  /2 on:parallel
                """);
        assertThat(EliotReactor.action(reactor.util.context.Context.empty())).isEmpty();
    }

    /** Without automatic propagation: the action is current while the source is subscribed to. */
    @Test
    void inActionStartsAtSubscriptionOncePerSubscriptionUnderTheSubscribersAction() {
        Mono<Integer> load = EliotReactor.inAction(
                Mono.fromCallable(() -> logged("at:subscription", 7)), () -> Eliot.startAction("order:load"));

        Action outer = Eliot.startTask("outer");
        Action other = Eliot.startTask("other");
        try (ContextScope ignored = outer.context()) {
            load.block(Duration.ofSeconds(10));
            load.contextWrite(EliotReactor.withAction(other)).block(Duration.ofSeconds(10));
        }
        outer.finish();
        other.finish();
        EliotReactor.inAction(Mono.just(1), () -> Eliot.startAction("never:subscribed"));

        List<io.eliot.core.parse.ParsedTask> tasks = ParsedOutline.tasks(log.messages());
        assertThat(tasks).hasSize(2);
        assertThat(tasks.stream().map(t -> ParsedOutline.of(t))).containsExactlyInAnyOrder("""
                        / outer succeeded
                          /2 order:load succeeded
                            /2/2 at:subscription
                        """, """
                        / other succeeded
                          /2 order:load succeeded
                            /2/2 at:subscription
                        """);
    }

    @Test
    void withAutomaticPropagationTheInActionActionIsCurrentAfterHops() {
        Hooks.enableAutomaticContextPropagation();
        Flux<Integer> list = EliotReactor.inAction(
                Flux.range(1, 3)
                        .publishOn(Schedulers.parallel())
                        .map(v -> logged("item", v))
                        .subscribeOn(Schedulers.boundedElastic()),
                () -> Eliot.startAction("order:list"));

        List<Integer> items =
                Eliot.startTask("outer").call(() -> list.collectList().block(Duration.ofSeconds(10)));

        assertThat(items).containsExactly(1, 2, 3);
        assertThat(threads).allMatch(t -> t.startsWith("parallel-"));
        assertThat(ParsedOutline.only(log.messages())).isEqualTo("""
                / outer succeeded
                  /2 order:list succeeded
                    /2/2 item
                    /2/3 item
                    /2/4 item
                """);
    }

    @Test
    void inActionFinishesOnErrorAndOnCancelExactlyOnce() throws InterruptedException {
        Mono<Integer> failing = EliotReactor.inAction(
                Mono.<Integer>error(new IllegalStateException("boom")).publishOn(Schedulers.parallel()),
                () -> Eliot.startTask("order:fail"));
        assertThatThrownBy(() -> failing.block(Duration.ofSeconds(10))).hasMessage("boom");

        Disposable endless = EliotReactor.inAction(
                        Flux.interval(Duration.ofMillis(1)), () -> Eliot.startTask("order:endless"))
                .subscribe();
        Thread.sleep(20);
        endless.dispose();
        endless.dispose();

        List<io.eliot.core.parse.ParsedTask> tasks = ParsedOutline.tasks(log.messages());
        assertThat(tasks).hasSize(2).allMatch(io.eliot.core.parse.ParsedTask::complete);
        assertThat(tasks.stream().map(t -> ParsedOutline.of(t, "exception", "reason")))
                .containsExactlyInAnyOrder(
                        "/ order:fail failed exception=java.lang.IllegalStateException reason=boom\n",
                        "/ order:endless failed exception=java.util.concurrent.CancellationException"
                                + " reason=the subscription was cancelled\n");
    }
}
