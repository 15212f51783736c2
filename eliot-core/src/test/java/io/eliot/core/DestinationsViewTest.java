package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.destination.Destination;
import io.eliot.core.destination.MemoryDestination;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Eliot#destinations()}: what a test fixture reads to route messages through its capture. */
class DestinationsViewTest {

    @Test
    void theAddedDestinationsCanBeReadButNotChangedThroughTheView() {
        MemoryDestination first = new MemoryDestination();
        MemoryDestination second = new MemoryDestination();
        Eliot.addDestinations(first, second);
        try {
            List<Destination> view = Eliot.destinations();

            assertThat(view).containsSubsequence(first, second);
            assertThatThrownBy(() -> view.remove(first)).isInstanceOf(UnsupportedOperationException.class);
            Eliot.removeDestination(first);
            assertThat(view).as("a snapshot").contains(first);
            assertThat(Eliot.destinations()).doesNotContain(first).contains(second);
        } finally {
            Eliot.removeDestination(first);
            Eliot.removeDestination(second);
        }
    }
}
