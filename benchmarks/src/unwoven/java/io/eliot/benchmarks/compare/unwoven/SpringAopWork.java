package io.eliot.benchmarks.compare.unwoven;

import io.eliot.annotations.LoggedAction;
import io.eliot.benchmarks.compare.Work;

/**
 * The woven benchmark's method, compiled by plain javac after ajc has run (see the module's pom),
 * so that only a Spring AOP proxy logs it.
 */
public class SpringAopWork implements Work {
    @Override
    @LoggedAction("bench:work")
    public String work(int a, String b) {
        return Work.compute(a, b);
    }
}
