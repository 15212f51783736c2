package io.eliot.core.slf4j;

import io.eliot.core.Action;
import io.eliot.core.ContextScope;
import io.eliot.core.Eliot;
import io.eliot.core.destination.MemoryDestination;
import io.eliot.core.record.MessageRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Run by {@link WithoutSlf4jTest} in a class loader that has no SLF4J: uses Eliot as an application
 * would, JDK and eliot-core only, and reports what it saw as lines.
 */
public final class WithoutSlf4jChild {

    private WithoutSlf4jChild() {}

    /** Called reflectively; returns {@code key=value} lines. */
    public static List<String> run() throws Exception {
        List<String> report = new ArrayList<>();
        try {
            Class.forName("org.slf4j.MDC");
            report.add("slf4j=present");
        } catch (ClassNotFoundException e) {
            report.add("slf4j=absent");
        }
        MemoryDestination memory = new MemoryDestination();
        Eliot.addDestination(memory);
        ExecutorService pool = Eliot.contextPreserving(Executors.newSingleThreadExecutor());
        try {
            report.add("available=" + EliotMdc.isAvailable());
            try {
                EliotMdc.install();
                report.add("install=succeeded");
            } catch (IllegalStateException e) {
                report.add("install=" + e.getMessage());
            }
            report.add("installed=" + EliotMdc.isInstalled());
            EliotMdc.uninstall();

            Action task = Eliot.startTask("without-slf4j");
            String inPool = task.call(() -> {
                Eliot.startAction("child").run(() -> Eliot.log("inside"));
                try (ContextScope ignored = ContextScope.enter(ContextScope.capture())) {
                    Eliot.log("entered");
                }
                return pool.submit(() -> Eliot.currentAction().orElseThrow().taskUuid())
                        .get(10, TimeUnit.SECONDS);
            });
            report.add("same-task-in-pool=" + inPool.equals(task.taskUuid()));
            for (MessageRecord m : memory.messages()) {
                report.add("message=" + m.taskLevel().toPath() + " "
                        + (m.messageType() != null ? m.messageType() : m.actionType() + " " + m.actionStatus()));
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
            Eliot.removeDestination(memory);
        }
        return report;
    }
}
