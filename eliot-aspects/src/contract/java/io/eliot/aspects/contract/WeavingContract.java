package io.eliot.aspects.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.Action;
import io.eliot.core.Eliot;
import io.eliot.core.reactor.EliotReactor;
import io.eliot.core.record.MessageRecord;
import io.eliot.testing.CaptureLogging;
import io.eliot.testing.CapturedLog;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;

/**
 * What {@code @LoggedAction} and {@code @LogMessage} log, message by message, whatever the weaving
 * mode. Captured with eliot-test-fixtures, which also fails a test on an unexpected traceback or an
 * unserializable message. Each mode's test class supplies the objects: woven at compile time, woven at load time, or
 * Spring AOP proxies.
 */
@CaptureLogging
public abstract class WeavingContract {

    /** What the test logged; filled before each test. */
    protected final Captured log = new Captured();

    @BeforeEach
    void capture(CapturedLog captured) {
        log.use(captured);
    }

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    private final Shop shop = new Shop();

    /** A {@link Shop} as this weaving mode provides it; woven modes simply create one. */
    protected Shop shop() {
        return shop;
    }

    /** A {@link Checkout} calling {@link #shop()}. */
    protected Checkout checkout() {
        return new Checkout(shop());
    }

    /** An {@link Inventory}. */
    protected Inventory inventory() {
        return new Inventory();
    }

    @AfterEach
    void resetReactorHooks() {
        Hooks.disableAutomaticContextPropagation();
    }

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Waits (up to 10 s) until {@code count} messages were logged: futures finish actions later. */
    protected void awaitMessages(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (log.messages().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
    }

    @Test
    void successLogsArgumentsAndResult() {
        int price = shop().price("A-1", 2);

        assertThat(price).isEqualTo(500);
        assertThat(log.lines())
                .containsExactly(
                        "[1] shop:price/started {sku=A-1, quantity=2}", "[2] shop:price/succeeded {result=500}");
    }

    @Test
    void checkedExceptionFailsTheActionAndReachesTheCallerUnchanged() {
        assertThatThrownBy(() -> shop().load("/missing"))
                .isInstanceOf(FileNotFoundException.class)
                .hasMessage("/missing");

        assertThat(log.lines())
                .containsExactly(
                        "[1] shop:load/started {path=/missing}",
                        "[2] shop:load/failed {exception=java.io.FileNotFoundException, reason=/missing}");
    }

    @Test
    void theSameExceptionInstanceWithItsStackReachesTheCaller() {
        IOException checked = new IOException("disk");
        IllegalStateException unchecked = new IllegalStateException("state");
        StackTraceElement[] stack = checked.getStackTrace().clone();

        assertThatThrownBy(() -> shop().rethrow(checked)).isSameAs(checked);
        assertThatThrownBy(() -> shop().rethrow(unchecked)).isSameAs(unchecked);
        assertThat(checked.getStackTrace()).isEqualTo(stack);
        assertThat(checked.getSuppressed()).isEmpty();
        assertThat(log.lines())
                .containsExactly(
                        "[1] shop:rethrow/started {}",
                        "[2] shop:rethrow/failed {exception=java.io.IOException, reason=disk}",
                        "--",
                        "[1] shop:rethrow/started {}",
                        "[2] shop:rethrow/failed {exception=java.lang.IllegalStateException, reason=state}");
    }

    @Test
    void uncheckedExceptionFailsTheActionNamedAfterClassAndMethodByDefault() {
        assertThatThrownBy(() -> shop().validate(-1)).isInstanceOf(IllegalArgumentException.class);

        assertThat(log.lines())
                .containsExactly(
                        "[1] Shop.validate/started {quantity=-1}",
                        "[2] Shop.validate/failed {exception=java.lang.IllegalArgumentException,"
                                + " reason=negative quantity: -1}");
    }

    @Test
    void nestedAnnotatedCallsAreChildActions() {
        assertThat(checkout().checkout("A-1", 2)).isEqualTo(500);

        assertThat(log.lines())
                .containsExactly(
                        "[1] shop:checkout/started {sku=A-1, quantity=2}",
                        "[2, 1] Shop.validate/started {quantity=2}",
                        "[2, 2] Shop.validate/succeeded {}",
                        "[3, 1] shop:price/started {sku=A-1, quantity=2}",
                        "[3, 2] shop:price/succeeded {result=500}",
                        "[4] shop:checkout/succeeded {result=500}");
    }

    @Test
    void anAnnotatedMethodCalledInsideAnActionIsItsChild() {
        Eliot.startTask("caller").run(() -> shop().price("A-1", 1));

        assertThat(log.lines())
                .containsExactly(
                        "[1] caller/started {}",
                        "[2, 1] shop:price/started {sku=A-1, quantity=1}",
                        "[2, 2] shop:price/succeeded {result=250}",
                        "[3] caller/succeeded {}");
    }

    @Test
    void anAnnotatedMethodOnAThreadWithPreservedContextBelongsToThatTask() throws Exception {
        Eliot.startTask("caller").run(() -> {
            Thread thread = new Thread(Eliot.preserveContext(() -> {
                shop().price("A-1", 1);
            }));
            thread.start();
            thread.join();
        });

        assertThat(log.lines())
                .containsExactly(
                        "[1] caller/started {}",
                        "[2, 1] eliot:remote_task/started {}",
                        "[2, 2, 1] shop:price/started {sku=A-1, quantity=1}",
                        "[2, 2, 2] shop:price/succeeded {result=250}",
                        "[2, 3] eliot:remote_task/succeeded {}",
                        "[3] caller/succeeded {}");
    }

    @Test
    void exceptionsDeclaredAsSuccessAreLoggedAsSucceededAndStillThrown() {
        assertThatThrownBy(() -> shop().find("X")).isInstanceOf(NoSuchElementException.class);

        assertThat(log.lines())
                .containsExactly(
                        "[1] shop:find/started {sku=X}",
                        "[2] shop:find/succeeded {handled_exception=java.util.NoSuchElementException,"
                                + " handled_reason=no product X}");
    }

    @Test
    void aNotLoggedParameterNeverAppears() {
        assertThat(shop().login("alice", "hunter2")).isTrue();

        assertThat(log.lines())
                .containsExactly("[1] shop:login/started {user=alice}", "[2] shop:login/succeeded {result=true}");
        assertThat(log.messages().toString()).doesNotContain("hunter2");
    }

    @Test
    void aRedactedParameterAndResultAreLoggedAsRedactedWhateverTheirNames() {
        assertThat(shop().resetPassword("alice", "4711")).isEqualTo("token-for-4711");

        assertThat(log.lines())
                .containsExactly(
                        "[1] shop:reset/started {user=alice, oneTimeCode=<redacted>}",
                        "[2] shop:reset/succeeded {result=<redacted>}");
        assertThat(log.messages().toString()).doesNotContain("4711");
    }

    @Test
    void aLongArgumentIsCutWithAMarker() {
        assertThat(shop().note("x".repeat(5_000))).isEqualTo(5_000);

        assertThat(log.lines())
                .containsExactly(
                        "[1] shop:note/started {text=" + "x".repeat(1_000) + "... (cut from 5000 characters)}",
                        "[2] shop:note/succeeded {length=5000}");
    }

    @Test
    void selectedArgumentsOnlyAndNoResultWhenAsked() {
        shop().quote("A-1", 3);

        assertThat(log.lines()).containsExactly("[1] shop:quote/started {sku=A-1}", "[2] shop:quote/succeeded {}");
    }

    @Test
    void newTaskStartsATaskEvenInsideAnAction() {
        Eliot.startTask("caller").run(() -> shop().audit("nightly"));

        assertThat(log.lines())
                .containsExactly(
                        "[1] caller/started {}",
                        "[2] caller/succeeded {}",
                        "--",
                        "[1] shop:audit/started {user_reason=nightly}",
                        "[2] shop:audit/succeeded {}");
    }

    @Test
    void logMessageLogsOneMessageWithRenamedField() {
        Eliot.startTask("caller").run(() -> shop().visit("home"));

        assertThat(log.lines())
                .containsExactly(
                        "[1] caller/started {}", "[2] shop:visited {page_name=home}", "[3] caller/succeeded {}");
    }

    @Test
    void completableFutureSuccessFinishesTheActionWhenItCompletes() throws Exception {
        assertThat(shop().priceLater(2, pool).get(10, TimeUnit.SECONDS)).isEqualTo(500);
        awaitMessages(2);

        assertThat(log.lines())
                .containsExactly(
                        "[1] shop:price_later/started {quantity=2}", "[2] shop:price_later/succeeded {result=500}");
    }

    @Test
    void completableFutureFailureFailsTheActionWithTheUnwrappedException() throws Exception {
        assertThatThrownBy(() -> shop().priceLater(-1, pool).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class);
        awaitMessages(2);

        assertThat(log.lines())
                .containsExactly(
                        "[1] shop:price_later/started {quantity=-1}",
                        "[2] shop:price_later/failed {exception=java.lang.IllegalArgumentException,"
                                + " reason=negative quantity: -1}");
    }

    @Test
    void monoFinishesOnItsSignal() {
        assertThat(shop().reserve("A-1").block()).isEqualTo("reserved A-1");
        assertThatThrownBy(() -> shop().reserve("").block()).hasMessage("no sku");

        assertThat(log.lines())
                .containsExactly(
                        "[1] shop:reserve/started {sku=A-1}",
                        "[2] shop:reserve/succeeded {result=reserved A-1}",
                        "--",
                        "[1] shop:reserve/started {sku=}",
                        "[2] shop:reserve/failed {exception=java.lang.IllegalStateException, reason=no sku}");
    }

    @Test
    void fluxFinishesWhenItCompletesWithItsElementCount() {
        assertThat(shop().list(3).collectList().block()).isEqualTo(List.of(1, 2, 3));

        assertThat(log.lines()).containsExactly("[1] shop:list/started {count=3}", "[2] shop:list/succeeded {count=3}");
    }

    @Test
    void aMonoNeverSubscribedLogsNothingAndOneSubscribedTwiceLogsTwoActions() {
        Mono<String> reserved = shop().reserve("A-1");
        Flux<Integer> listed = shop().list(2);

        assertThat(log.messages()).isEmpty();

        reserved.block();
        reserved.block();
        listed.blockLast();

        assertThat(log.lines())
                .containsExactly(
                        "[1] shop:reserve/started {sku=A-1}",
                        "[2] shop:reserve/succeeded {result=reserved A-1}",
                        "--",
                        "[1] shop:reserve/started {sku=A-1}",
                        "[2] shop:reserve/succeeded {result=reserved A-1}",
                        "--",
                        "[1] shop:list/started {count=2}",
                        "[2] shop:list/succeeded {count=2}");
    }

    @Test
    void aReactiveActionNestsUnderTheSubscribersActionAndItsUpstreamUnderIt() {
        Mono<Integer> assembled = checkout().checkoutLater("A-1", 2);

        Integer price = Eliot.startTask("caller").call(() -> assembled.block(Duration.ofSeconds(10)));

        assertThat(price).isEqualTo(500);

        assertThat(log.lines())
                .containsExactly(
                        "[1] caller/started {}",
                        "[2, 1] shop:checkout_later/started {sku=A-1, quantity=2}",
                        "[2, 2, 1] shop:reserve/started {sku=A-1}",
                        "[2, 2, 2] shop:reserve/succeeded {result=reserved A-1}",
                        "[2, 3, 1] shop:price/started {sku=A-1, quantity=2}",
                        "[2, 3, 2] shop:price/succeeded {result=500}",
                        "[2, 4] shop:checkout_later/succeeded {result=500}",
                        "[3] caller/succeeded {}");
    }

    @Test
    void aReactiveActionNestsUnderTheActionInTheSubscribersContext() {
        Action request = Eliot.startTask("request");
        Eliot.startTask("caller")
                .run(() -> shop().reserve("A-1")
                        .contextWrite(EliotReactor.withAction(request))
                        .block());
        request.finish();

        assertThat(log.lines())
                .containsExactly(
                        "[1] request/started {}",
                        "[2, 1] shop:reserve/started {sku=A-1}",
                        "[2, 2] shop:reserve/succeeded {result=reserved A-1}",
                        "[3] request/succeeded {}",
                        "--",
                        "[1] caller/started {}",
                        "[2] caller/succeeded {}");
    }

    @Test
    void withAutomaticPropagationTheTreeHoldsAcrossSchedulerHops() {
        Hooks.enableAutomaticContextPropagation();

        Integer price = Eliot.startTask("caller")
                .call(() -> checkout().checkoutHopping("A-1", 2).block(Duration.ofSeconds(10)));

        assertThat(price).isEqualTo(500);
        assertThat(log.lines())
                .containsExactly(
                        "[1] caller/started {}",
                        "[2, 1] shop:checkout_hopping/started {sku=A-1, quantity=2}",
                        "[2, 2, 1] shop:reserve/started {sku=A-1}",
                        "[2, 2, 2] shop:reserve/succeeded {result=reserved A-1}",
                        "[2, 3, 1] shop:price/started {sku=A-1, quantity=2}",
                        "[2, 3, 2] shop:price/succeeded {result=500}",
                        "[2, 4] shop:priced {thread=" + threadOf(log.messages(), "shop:priced") + "}",
                        "[2, 5] shop:checkout_hopping/succeeded {result=500}",
                        "[3] caller/succeeded {}");
        assertThat(threadOf(log.messages(), "shop:priced")).startsWith("parallel-");
    }

    private static String threadOf(List<MessageRecord> messages, String type) {
        return messages.stream()
                .filter(m -> type.equals(m.messageType()))
                .map(m -> String.valueOf(m.fields().get("thread")))
                .findFirst()
                .orElse("none");
    }

    @Test
    void aReactiveErrorNamedInSuccessOnSucceeds() {
        assertThatThrownBy(() -> shop().lookup("X").block()).isInstanceOf(NoSuchElementException.class);

        assertThat(log.lines())
                .containsExactly(
                        "[1] shop:lookup/started {sku=X}",
                        "[2] shop:lookup/succeeded {handled_exception=java.util.NoSuchElementException,"
                                + " handled_reason=no product X}");
    }

    @Test
    void aReactiveMethodThrowingBeforeReturningItsMonoFailsItsActionAtOnce() {
        assertThatThrownBy(() -> shop().reserveNow("")).isInstanceOf(IllegalArgumentException.class);

        assertThat(log.lines())
                .containsExactly(
                        "[1] shop:reserve_now/started {sku=}",
                        "[2] shop:reserve_now/failed {exception=java.lang.IllegalArgumentException, reason=no sku}");
    }

    @Test
    void cancellingFinishesTheActionOnceAsFailed() {
        assertThat(shop().ticks().take(3).collectList().block(Duration.ofSeconds(10)))
                .containsExactly(0L, 1L, 2L);

        assertThat(log.lines())
                .containsExactly(
                        "[1] shop:ticks/started {}",
                        "[2] shop:ticks/failed {exception=java.util.concurrent.CancellationException,"
                                + " reason=the subscription was cancelled}");
    }

    @Test
    void typeLevelAnnotationLogsPublicMethodsButNotAccessorsOrObjectMethods() {
        Inventory inventory = inventory();

        inventory.count("abc");
        inventory.restock("abc", 5);
        inventory.look("abc");
        inventory.setName("north");
        inventory.getName();
        inventory.toString();

        assertThat(log.lines())
                .containsExactly(
                        "[1] Inventory.count/started {sku=abc}",
                        "[2] Inventory.count/succeeded {result=3}",
                        "--",
                        "[1] inventory:restock/started {sku=abc, quantity=5}",
                        "[2] inventory:restock/succeeded {result=5}",
                        "--",
                        "[1] inventory:looked {sku=abc}");
    }
}
