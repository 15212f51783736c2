package io.eliot.aspects.modes;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.annotations.LoggedAction;
import io.eliot.aspects.EliotAspect;
import io.eliot.core.record.MessageRecord;
import io.eliot.testing.CaptureLogging;
import io.eliot.testing.CapturedLog;
import java.util.AbstractList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;

/**
 * A {@code @LoggedAction} method whose argument cannot be read (a lazy collection whose session is
 * closed) still runs; the argument is logged as a serialization failure inside its action.
 */
@CaptureLogging
class HostileArgumentTest {

    static final String LAZY = "failed to lazily initialize a collection: no session";

    /** A Hibernate-style lazy collection whose session is closed. */
    static final class LazyList extends AbstractList<String> {
        @Override
        public String get(int index) {
            throw new IllegalStateException(LAZY);
        }

        @Override
        public int size() {
            throw new IllegalStateException(LAZY);
        }
    }

    /** Counts its calls; advised through a Spring AOP proxy (its class is not woven). */
    public static class Orders {
        int calls;

        @LoggedAction("orders:count")
        public int count(List<String> items) {
            calls++;
            return 7;
        }
    }

    @Test
    void theMethodRunsAndTheUnreadableArgumentIsASerializationFailureInItsAction(CapturedLog log) {
        Orders target = new Orders();
        AspectJProxyFactory factory = new AspectJProxyFactory(target);
        factory.setProxyTargetClass(true);
        factory.addAspect(new EliotAspect());
        Orders orders = factory.getProxy();

        assertThat(orders.count(new LazyList())).isEqualTo(7);

        assertThat(target.calls).isEqualTo(1);
        assertThat(log.flushTracebacks(IllegalStateException.class)).hasSize(1);
        List<MessageRecord> messages = log.messages();
        assertThat(messages)
                .extracting(m -> m.taskLevel() + " " + m.type())
                .containsExactly(
                        "[1] orders:count",
                        "[2] eliot:traceback",
                        "[3] eliot:serialization_failure",
                        "[4] orders:count");
        assertThat(messages.get(0).fields().get("items"))
                .isEqualTo("<not logged: java.lang.IllegalStateException: " + LAZY + ">");
        assertThat(messages.get(3).fields().get("result")).isEqualTo(7);
    }
}
