package io.eliot.aspects.ctw;

import io.eliot.annotations.LoggedAction;
import reactor.core.publisher.Mono;

/**
 * Woven by ajc when eliot-aspects' tests are compiled, and shipped in its test jar so that
 * eliot-aspects-tests can check that a second weaving mode does not log its calls twice.
 */
public class WovenGreeter {

    @LoggedAction("greeter:greet")
    public String greet(String name) {
        return "hello " + name;
    }

    @LoggedAction("greeter:greet_later")
    public Mono<String> greetLater(String name) {
        return Mono.fromCallable(() -> "hello " + name);
    }
}
