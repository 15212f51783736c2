package io.eliot.journald;

import io.eliot.core.Eliot;
import io.eliot.core.Message;
import io.eliot.core.destination.JsonFileDestination;
import java.nio.file.Path;

/**
 * Run by {@link JournaldWithoutJnaTest} in a child JVM whose class path lacks JNA: says why journald
 * is unavailable, what building one throws, and logs to a file to show the rest of Eliot works.
 */
public final class JournaldWithoutJnaChild {

    private JournaldWithoutJnaChild() {}

    public static void main(String[] args) throws Exception {
        System.out.println("identifier: " + JournaldDestination.defaultSyslogIdentifier());
        System.out.println("reason: " + JournaldDestination.unavailableReason());
        try {
            JournaldDestination.builder().build();
            System.out.println("built");
        } catch (IllegalStateException e) {
            System.out.println("build: " + e.getMessage());
        }
        JsonFileDestination file = JsonFileDestination.open(Path.of(args[0]));
        Eliot.addDestination(file);
        Message.log("child:logged", "jna", false);
        Eliot.removeDestination(file);
        file.close();
        System.out.println("done");
    }
}
