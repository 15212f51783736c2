package io.eliot.benchmarks.compare;

import com.jcabi.aspects.Loggable;

/**
 * The work logged by jcabi-aspects {@code @Loggable} (woven at compile time with jcabi's aspect):
 * one line before the call ({@code prepend}) and one after, through SLF4J to the logback setup.
 */
public final class JcabiWork implements Work {
    @Override
    @Loggable(prepend = true)
    public String work(int a, String b) {
        return Work.compute(a, b);
    }
}
