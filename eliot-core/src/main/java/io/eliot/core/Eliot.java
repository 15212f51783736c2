package io.eliot.core;

import io.eliot.core.destination.DeliveryCounters;
import io.eliot.core.destination.Destination;
import io.eliot.core.exception.ExceptionExtractor;
import io.eliot.core.internal.ExceptionExtractors;
import io.eliot.core.internal.registry.Destinations;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The entry point of Eliot for Java: start actions and tasks, continue tasks from other processes,
 * carry context across threads, and configure where messages go.
 *
 * <pre>{@code
 * Eliot.addDestination(memory);
 * Eliot.startTask("shop:checkout", "cart", cartId).run(() -> {
 *     Message.log("shop:cart:priced", "total", total);
 *     Eliot.startAction("shop:charge", "amount", total).run(() -> charge(total));
 * });
 * }</pre>
 *
 * <p>Nothing here throws into the application because of logging; only {@link
 * #continueTask(String)} rejects malformed input, and only with {@link InvalidTaskIdException}.
 */
public final class Eliot {

    private Eliot() {}

    /**
     * Starts an action inside the current action, or a new task when there is none, and logs its
     * {@code started} message with {@code fields}.
     */
    public static Action startAction(String actionType, Map<String, ?> fields) {
        return Action.start(CurrentAction.get(), actionType, UserFields.copy(fields, 0), null);
    }

    /** {@link #startAction(String, Map)} with fields as alternating names and values. */
    public static Action startAction(String actionType, Object... keyValues) {
        return Action.start(CurrentAction.get(), actionType, UserFields.fromPairs(keyValues), null);
    }

    /** Starts a new task (an action with no parent, whatever the current action is). */
    public static Action startTask(String actionType, Map<String, ?> fields) {
        return Action.start(null, actionType, UserFields.copy(fields, 0), null);
    }

    /** {@link #startTask(String, Map)} with fields as alternating names and values. */
    public static Action startTask(String actionType, Object... keyValues) {
        return Action.start(null, actionType, UserFields.fromPairs(keyValues), null);
    }

    /** Starts an action of {@code type} inside the current action; see {@link ActionType}. */
    public static Action startAction(ActionType type, Map<String, ?> fields) {
        return Action.start(CurrentAction.get(), type.actionType(), UserFields.copy(fields, 0), type);
    }

    /** {@link #startAction(ActionType, Map)} with fields as alternating names and values. */
    public static Action startAction(ActionType type, Object... keyValues) {
        return Action.start(CurrentAction.get(), type.actionType(), UserFields.fromPairs(keyValues), type);
    }

    /** Starts an action of {@code type} as a new task. */
    public static Action startTask(ActionType type, Map<String, ?> fields) {
        return Action.start(null, type.actionType(), UserFields.copy(fields, 0), type);
    }

    /** {@link #startTask(ActionType, Map)} with fields as alternating names and values. */
    public static Action startTask(ActionType type, Object... keyValues) {
        return Action.start(null, type.actionType(), UserFields.fromPairs(keyValues), type);
    }

    /**
     * Continues a task from an id made by {@link Action#serializeTaskId()} in this or another
     * process (Python Eliot's {@code serialize_task_id()} too): starts an {@code eliot:remote_task}
     * action at that position. Finish it like any action.
     *
     * @throws InvalidTaskIdException if {@code serializedTaskId} is not {@code <uuid>@/<n>/<n>...}
     *     with positive levels, at most 1,024 characters and 64 levels; the message names the problem
     *     and quotes only a short escaped excerpt
     */
    public static Action continueTask(String serializedTaskId) {
        SerializedTaskId id = SerializedTaskId.parse(serializedTaskId);
        return Action.continueAt(id.taskUuid(), id.level());
    }

    /** The action the calling thread is in, if any. */
    public static Optional<Action> currentAction() {
        return Optional.ofNullable(CurrentAction.get());
    }

    /** Logs a standalone message inside the current action; see {@link Message#log(String, Object...)}. */
    public static void log(String messageType, Object... keyValues) {
        Message.log(messageType, keyValues);
    }

    /**
     * Logs an {@code eliot:traceback} message for {@code exception} inside the current action:
     * {@code exception}, {@code reason}, {@code traceback} (the stack trace) and extracted fields.
     */
    public static void writeTraceback(Throwable exception) {
        Tracebacks.write(exception, CurrentAction.get(), true);
    }

    /**
     * Returns {@code task} wrapped to run, on whichever thread, inside an {@code eliot:remote_task}
     * child of the current action; returns {@code task} itself when there is no current action or
     * it is wrapped already (wrapping twice still makes one remote task). The hand-off position is
     * taken now, so the tree shows where the work was handed off.
     */
    public static Runnable preserveContext(Runnable task) {
        if (task instanceof HandOffs.Carrier) {
            return task;
        }
        PreservedContext context = PreservedContext.capture();
        return context == null ? task : new PreservedContext.PreservedRunnable(context, task);
    }

    /** {@link #preserveContext(Runnable)} for a {@link Callable}. */
    public static <T> Callable<T> preserveContext(Callable<T> task) {
        if (task instanceof HandOffs.Carrier) {
            return task;
        }
        PreservedContext context = PreservedContext.capture();
        return context == null ? task : new PreservedContext.PreservedCallable<>(context, task);
    }

    /**
     * {@link #preserveContext(Runnable)} for a {@link Supplier}, e.g. for {@code
     * CompletableFuture.supplyAsync}. (Named apart from {@code preserveContext} because a
     * value-returning lambda would fit both a {@code Callable} and a {@code Supplier} overload.)
     */
    public static <T> Supplier<T> preserveSupplier(Supplier<T> task) {
        if (task instanceof HandOffs.Carrier) {
            return task;
        }
        PreservedContext context = PreservedContext.capture();
        return context == null ? task : new PreservedContext.PreservedSupplier<>(context, task);
    }

    /** {@link #preserveContext(Runnable)} for a {@link Function}, e.g. a {@code thenApplyAsync} stage. */
    public static <T, R> Function<T, R> preserveContext(Function<T, R> task) {
        if (task instanceof HandOffs.Carrier) {
            return task;
        }
        PreservedContext context = PreservedContext.capture();
        return context == null ? task : new PreservedContext.PreservedFunction<>(context, task);
    }

    /**
     * What an executor applies to each task it is given (the {@code contextPreserving} executors,
     * the Spring starter's {@code TaskDecorator}; use it in your own): {@link
     * #preserveContext(Runnable)}, except that a task carrying work this thread wrapped just before
     * in the same action (with {@code preserveContext}, {@code supplyAsync}, ...; e.g. inside a
     * {@code FutureTask} or a {@code CompletableFuture}'s task) joins that hand-off, so the work is
     * one {@code eliot:remote_task}, not two. (Should the wrapped work go elsewhere and start later,
     * it still runs as a remote task of its own, at a new position.)
     */
    public static Runnable preserveForExecutor(Runnable task) {
        if (task instanceof HandOffs.Carrier) {
            HandOffs.handedOver(task);
            return task;
        }
        PreservedContext context = PreservedContext.captureForExecutor();
        return context == null ? task : new PreservedContext.PreservedRunnable(context, task);
    }

    /** {@link #preserveForExecutor(Runnable)} for a {@link Callable}. */
    public static <T> Callable<T> preserveForExecutor(Callable<T> task) {
        if (task instanceof HandOffs.Carrier) {
            HandOffs.handedOver(task);
            return task;
        }
        PreservedContext context = PreservedContext.captureForExecutor();
        return context == null ? task : new PreservedContext.PreservedCallable<>(context, task);
    }

    /**
     * An executor service that runs every task submitted to it inside the context of the action
     * that submitted it (see {@link #preserveForExecutor(Runnable)}). Shutting it down shuts {@code
     * executor} down.
     */
    public static ExecutorService contextPreserving(ExecutorService executor) {
        return new ContextPreservingExecutorService(executor);
    }

    /** An executor that runs every task inside the context of the action that submitted it. */
    public static Executor contextPreserving(Executor executor) {
        return new ContextPreservingExecutor(executor);
    }

    /**
     * {@link CompletableFuture#supplyAsync(Supplier, Executor)} inside the current action's context,
     * wrapped as by {@link #preserveForExecutor(Runnable)}: one {@code eliot:remote_task}, also on a
     * {@code contextPreserving} or decorating executor.
     */
    public static <T> CompletableFuture<T> supplyAsync(Supplier<T> task, Executor executor) {
        Supplier<T> preserved = task;
        if (!(task instanceof HandOffs.Carrier)) {
            PreservedContext context = PreservedContext.captureForExecutor();
            preserved = context == null ? task : new PreservedContext.PreservedSupplier<>(context, task);
        }
        Supplier<T> handedOver = preserved;
        return HandOffs.handingOver(handedOver, () -> CompletableFuture.supplyAsync(handedOver, executor));
    }

    /** {@link CompletableFuture#supplyAsync(Supplier)} inside the current action's context. */
    public static <T> CompletableFuture<T> supplyAsync(Supplier<T> task) {
        return supplyAsync(task, ForkJoinPool.commonPool());
    }

    /** {@link CompletableFuture#runAsync(Runnable, Executor)} inside the current action's context. */
    public static CompletableFuture<Void> runAsync(Runnable task, Executor executor) {
        Runnable preserved = preserveForExecutor(task);
        return HandOffs.handingOver(preserved, () -> CompletableFuture.runAsync(preserved, executor));
    }

    /** {@link CompletableFuture#runAsync(Runnable)} inside the current action's context. */
    public static CompletableFuture<Void> runAsync(Runnable task) {
        return runAsync(task, ForkJoinPool.commonPool());
    }

    /**
     * Sends every message logged from now on to {@code destination} too. The first destination ever
     * added also receives the (up to 1,000) messages logged before it.
     */
    public static void addDestination(Destination destination) {
        Destinations.global().add(destination);
    }

    /** Adds several destinations; see {@link #addDestination}. */
    public static void addDestinations(Destination... destinations) {
        for (Destination d : destinations) {
            addDestination(d);
        }
    }

    /** Stops sending messages to {@code destination}; does not close it. Returns whether it was added. */
    public static boolean removeDestination(Destination destination) {
        return Destinations.global().remove(destination);
    }

    /**
     * Closes and removes every registered destination, in the order added; asynchronous ones first
     * write everything they accepted. Messages logged afterwards (until a destination is added) are
     * written to standard error and counted ({@link DeliveryCounters#droppedWithoutDestination()}).
     * Eliot does this itself at JVM shutdown unless {@link #closeDestinationsAtShutdown(boolean)
     * closeDestinationsAtShutdown(false)}. Never throws.
     */
    public static void closeDestinations() {
        Destinations.global().closeAll();
    }

    /**
     * Whether Eliot's JVM shutdown hook closes the destinations: {@code true} by default ({@code
     * false} when the system property {@code eliot.shutdownHook} is {@code false}). JVM shutdown
     * hooks run concurrently, so an application whose own shutdown still logs (a web server
     * finishing its requests) turns this off and calls {@link #closeDestinations()} at the end of
     * that shutdown; the Spring Boot starter does so.
     *
     * <pre>{@code
     * Eliot.closeDestinationsAtShutdown(false);
     * Runtime.getRuntime().addShutdownHook(new Thread(() -> {
     *     server.stop(); // still logging
     *     Eliot.closeDestinations();
     * }));
     * }</pre>
     */
    public static void closeDestinationsAtShutdown(boolean close) {
        Destinations.global().closeAtShutdown(close);
    }

    /** What Eliot logged and could not deliver so far; see {@link DeliveryCounters}. */
    public static DeliveryCounters deliveryCounters() {
        Destinations registry = Destinations.global();
        return new DeliveryCounters(
                registry.logged(),
                registry.destinationFailures(),
                registry.droppedFromBuffer(),
                registry.droppedWithoutDestination(),
                registry.unreportedFailures(),
                registry.droppedWhileWriting());
    }

    /**
     * The destinations added now, in the order added: an unmodifiable snapshot. With {@link
     * #addDestination} and {@link #removeDestination} it lets a test fixture route messages: add one
     * destination that stands in for these (sending the messages of the running test to the test's
     * capture and the rest to them), remove these, and put them back afterwards.
     */
    public static List<Destination> destinations() {
        return Destinations.global().destinations();
    }

    /**
     * Adds {@code fields} to every message logged from now on (service name, host, version, ...).
     * A message's own field of the same name wins; names are renamed as a message's fields are
     * (a structural name is kept as {@code user_<name>}).
     */
    public static void addGlobalFields(Map<String, ?> fields) {
        Map<String, Object> safe = UserFields.copy(fields, 0);
        Destinations.global().addGlobalFields(safe);
    }

    /** {@link #addGlobalFields(Map)} with fields as alternating names and values. */
    public static void addGlobalFields(Object... keyValues) {
        Destinations.global().addGlobalFields(UserFields.fromPairs(keyValues));
    }

    /** The global fields added now, by their written names: an unmodifiable snapshot. */
    public static Map<String, Object> globalFields() {
        return Destinations.global().globalFields();
    }

    /**
     * Stops adding the global fields {@code names} to messages: the names as given to {@link
     * #addGlobalFields}, renamed or not ({@code "timestamp"} removes what is written as {@code
     * user_timestamp}; {@code null} what was added under a null name). Null-safe.
     */
    public static void removeGlobalFields(String... names) {
        if (names == null) {
            return;
        }
        java.util.List<String> written = new java.util.ArrayList<>(names.length);
        for (String name : names) {
            written.add(UserFields.safeName(name));
        }
        Destinations.global().removeGlobalFields(written);
    }

    /**
     * Adds the fields {@code source} returns to every message logged from now on, asking it on the
     * logging thread as each message is created (the trace and span a tracer has current, say); see
     * {@link ContextFields}. Adding a source twice adds it once. Returns whether it was added.
     */
    public static boolean addContextFields(ContextFields source) {
        return ContextFieldSources.add(source);
    }

    /** Stops asking {@code source} for fields. Returns whether it was added. */
    public static boolean removeContextFields(ContextFields source) {
        return ContextFieldSources.remove(source);
    }

    /**
     * Adds fields from {@code extractor} to failed actions and tracebacks whose exception is a
     * {@code type} (the most specific registered superclass wins). Built in: {@code
     * FileSystemException} (file, other_file, file_system_reason) and {@code SQLException}
     * (sql_state, error_code).
     */
    public static <T extends Throwable> void registerExceptionExtractor(
            Class<T> type, ExceptionExtractor<? super T> extractor) {
        ExceptionExtractors.global().register(type, extractor);
    }
}
