package io.eliot.benchmarks.compare;

/**
 * The call every comparison benchmark makes once per operation: a method taking two arguments and
 * returning a value. Each implementation logs it its own way (or not at all).
 */
public interface Work {

    /** Does the work; implementations log it as two lines (start with both arguments, end with the result). */
    String work(int a, String b);

    /** The work itself, shared by every implementation. */
    static String compute(int a, String b) {
        return b + a;
    }

    /** The baseline: no logging. */
    final class Plain implements Work {
        @Override
        public String work(int a, String b) {
            return compute(a, b);
        }
    }
}
