package io.eliot.spring.internal;

import io.eliot.core.Eliot;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.support.AbstractApplicationContext;

/**
 * Makes the application context, not Eliot's own JVM shutdown hook, decide when Eliot's destinations
 * close. JVM shutdown hooks run at the same time, so Eliot's hook would close the destinations while
 * the web server's graceful shutdown still serves requests. When Spring Boot's shutdown hook closes
 * this context (the default, {@code spring.main.register-shutdown-hook}), Eliot's hook is turned
 * off: the context closes the starter's destinations once every lifecycle (the web server's graceful
 * shutdown included) has stopped, and then, as Spring Boot's last shutdown handler (as logging
 * systems do), {@link Eliot#closeDestinations()} closes whatever else is still registered.
 * Otherwise nothing changes and Eliot's hook still closes them.
 */
public final class ShutdownOrder {

    private static final String CONTEXT_CLOSED_LISTENER =
            "org.springframework.boot.SpringApplicationShutdownHook$ApplicationContextClosedListener";

    /** One instance, so that Spring Boot keeps one handler however many contexts start. */
    private static final Runnable CLOSE_ELIOT = Eliot::closeDestinations;

    private final boolean ownedByContext;

    /** Hands closing to {@code context} if Spring Boot's shutdown hook will close it. */
    public ShutdownOrder(ApplicationContext context) {
        this.ownedByContext = closedBySpringBootShutdownHook(context);
        if (ownedByContext) {
            SpringApplication.getShutdownHandlers().add(CLOSE_ELIOT);
            Eliot.closeDestinationsAtShutdown(false);
        }
    }

    /** Whether the context, not Eliot's JVM shutdown hook, closes the destinations at shutdown. */
    public boolean ownedByContext() {
        return ownedByContext;
    }

    private static boolean closedBySpringBootShutdownHook(ApplicationContext context) {
        if (!(context instanceof AbstractApplicationContext abstractContext)) {
            return false;
        }
        return abstractContext.getApplicationListeners().stream()
                .anyMatch(listener -> listener.getClass().getName().equals(CONTEXT_CLOSED_LISTENER));
    }
}
