package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceParentTest {

    static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aVersion00TraceparentGivesItsTraceIdAndParentId() {
        TraceParent parent = TraceParent.parse(VALID);
        assertThat(parent.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(parent.parentId()).isEqualTo("00f067aa0ba902b7");
        assertThat(TraceParent.parse(" \t" + VALID + " ")).isEqualTo(parent);
    }

    @Test
    void aLaterVersionMayCarryMoreAfterADash() {
        assertThat(TraceParent.parse("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-holds")
                        .traceId())
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceParent.parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00")
                        .parentId())
                .isEqualTo("00f067aa0ba902b7");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "00",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x",
                "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x",
                "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0G",
                "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
                "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7-01",
                "0x-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e473-600f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\u0000"
            })
    void malformedTraceparentsAreRefused(String value) {
        assertThatThrownBy(() -> TraceParent.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid traceparent: it ");
    }

    @Test
    void theRefusalQuotesOnlyAShortEscapedExcerpt() {
        String hostile = "00-\u001b[31m" + "x".repeat(10_000) + "\n";
        assertThatThrownBy(() -> TraceParent.parse(hostile))
                .hasMessageContaining("\\u001b")
                .hasMessageNotContaining("\u001b")
                .hasMessageNotContaining("\n")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(250));
        assertThatThrownBy(() -> TraceParent.parse(null)).hasMessage("traceparent is null");
    }
}
