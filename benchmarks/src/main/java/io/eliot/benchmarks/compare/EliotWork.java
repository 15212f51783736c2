package io.eliot.benchmarks.compare;

import io.eliot.annotations.LoggedAction;
import io.eliot.core.Action;
import io.eliot.core.Eliot;

/** The work logged by Eliot: woven at compile time, or written with the core API by hand. */
public final class EliotWork {

    private EliotWork() {}

    /** {@code @LoggedAction}, compile-time woven (this module is woven with eliot-aspects). */
    public static final class Woven implements Work {
        @Override
        @LoggedAction("bench:work")
        public String work(int a, String b) {
            return Work.compute(a, b);
        }
    }

    /** The same action and fields written with the {@code eliot-core} API. */
    public static final class ByHand implements Work {
        @Override
        public String work(int a, String b) {
            Action action = Eliot.startAction("bench:work", "a", a, "b", b);
            return action.call(() -> {
                String result = Work.compute(a, b);
                action.addSuccessField("result", result);
                return result;
            });
        }
    }
}
