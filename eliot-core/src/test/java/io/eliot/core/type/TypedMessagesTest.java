package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eliot.core.destination.MemoryDestination;
import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.ValidationException;
import io.eliot.core.serialization.JsonLineEncoder;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The seed manual's "Type System", in Java. */
class TypedMessagesTest {

    record Point(int x, int y) {}

    static final Field LOCATION = Field.of("location", Point.class, p -> List.of(p.x(), p.y()), "The location.");
    static final Field COUNT = Field.forTypes("count", "The number of items to deliver.", Integer.class);
    static final Field NAME = Field.forTypes("name", "The name of the delivery person.", String.class);

    static final MessageType DELIVERY_SCHEDULED =
            MessageType.of("pizzadelivery:schedule", "A pizza delivery has been scheduled.", LOCATION, COUNT, NAME);

    static final ActionType DELIVER =
            ActionType.of("pizzadelivery:deliver", List.of(LOCATION), List.of(COUNT), "Deliver pizzas.");

    private final MemoryDestination memory = new MemoryDestination();

    @BeforeEach
    void capture() {
        Eliot.addDestination(memory);
    }

    @AfterEach
    void release() {
        Eliot.removeDestination(memory);
    }

    @Test
    void loggingThroughAMessageTypeFillsItsTypeAndSerializesFieldsWhenEncoded() {
        DELIVERY_SCHEDULED.log("name", "Alyssa", "count", 3, "location", new Point(1, 2));

        MessageRecord m = memory.messages().get(0);
        assertThat(m.messageType()).isEqualTo("pizzadelivery:schedule");
        assertThat(m.fields().get("location")).as("kept as logged").isEqualTo(new Point(1, 2));
        assertThat(new JsonLineEncoder().encodeToString(m)).contains("\"location\":[1,2]");
        assertThatCode(memory::validate).doesNotThrowAnyException();
    }

    @Test
    void actionTypesStartChildrenOrTasksAndValidateEachStatus() {
        Eliot.startTask("outer")
                .run(() -> DELIVER.start("location", new Point(3, 4))
                        .run(() -> Eliot.currentAction().orElseThrow().addSuccessField("count", 2)));
        DELIVER.asTask("location", new Point(5, 6)).finish(new IllegalStateException("oven broke"));

        List<MessageRecord> m = memory.messages();
        assertThat(m)
                .extracting(MessageRecord::type)
                .containsExactly(
                        "outer",
                        "pizzadelivery:deliver",
                        "pizzadelivery:deliver",
                        "outer",
                        "pizzadelivery:deliver",
                        "pizzadelivery:deliver");
        assertThat(m.get(1).taskUuid())
                .as("a child of outer")
                .isEqualTo(m.get(0).taskUuid());
        assertThat(m.get(4).taskUuid())
                .as("asTask starts a new task")
                .isNotEqualTo(m.get(0).taskUuid());
        assertThat(m.get(5).actionStatus()).isEqualTo(ActionStatus.FAILED);
        assertThat(new JsonLineEncoder().encodeToString(m.get(1))).contains("\"location\":[3,4]");
        assertThatCode(memory::validate).doesNotThrowAnyException();
    }

    @Test
    void invalidFieldsAreLoggedAnywayAndReportedOnlyByValidation() {
        assertThatCode(() -> DELIVERY_SCHEDULED.log("name", 42, "count", 3, "location", new Point(1, 2)))
                .doesNotThrowAnyException();

        assertThatThrownBy(memory::validate)
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("pizzadelivery:schedule")
                .hasMessageContaining("field 'name' must be an instance of [java.lang.String]")
                .hasMessageContaining("java.lang.Integer 42");
    }

    @Test
    void aMissingFieldFailsValidation() {
        DELIVERY_SCHEDULED.log("name", "Alyssa", "count", 3);

        assertThatThrownBy(memory::validate).hasMessageContaining("missing field 'location'");
    }

    @Test
    void anUndeclaredFieldFailsValidation() {
        DELIVERY_SCHEDULED.log("name", "Alyssa", "count", 3, "location", new Point(1, 2), "extra", true);

        assertThatThrownBy(memory::validate).hasMessageContaining("unexpected field 'extra'");
    }

    @Test
    void undeclaredSuccessFieldsFailValidationButFailuresMayCarryExtractedFields() {
        DELIVER.start("location", new Point(1, 1))
                .addSuccessField("surprise", 1)
                .finish();

        assertThatThrownBy(memory::validate).hasMessageContaining("succeeded").hasMessageContaining("'count'");
    }

    @Test
    void fieldHelpersAcceptAndRejectWhatTheySay() {
        Field exact = Field.forValue("version", 2, "The format version.");
        Field nullable = Field.forTypes("note", "A note.", String.class, null);
        Field positive = COUNT.withValidator(v -> (Integer) v > 0, "positive");

        assertThatCode(() -> exact.validate(2)).doesNotThrowAnyException();
        assertThatThrownBy(() -> exact.validate(3)).hasMessageContaining("must be exactly 2");
        assertThatCode(() -> nullable.validate(null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> NAME.validate(null)).hasMessageContaining("was null");
        assertThatThrownBy(() -> positive.validate(-1)).hasMessageContaining("positive");
        assertThatThrownBy(() -> LOCATION.validate("not a point")).hasMessageContaining("TypedMessagesTest$Point");
    }

    @Test
    void declaringAFieldTwiceIsRejected() {
        assertThatThrownBy(() -> MessageType.of("x", "dup", COUNT, COUNT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'count' is declared twice");
    }

    @Test
    void aSerializerThatThrowsFailsEncodingCleanlyAndValidationNamesTheField() {
        Field broken = Field.of(
                "broken",
                Point.class,
                p -> {
                    throw new IllegalStateException("cannot serialize points today");
                },
                "Always fails.");
        MessageType type = MessageType.of("app:broken", "Broken.", broken);

        type.log("broken", new Point(0, 0));

        String out = new JsonLineEncoder().encodeToString(memory.messages().get(0));
        assertThat(out.lines()).hasSize(1);
        assertThat(out)
                .contains("\"broken\":\"<not logged: java.lang.IllegalStateException: cannot serialize points today>\"")
                .contains("\"eliot:serialization_failure\":[{\"field\":\"broken\"");
        assertThatThrownBy(memory::validate).hasMessageContaining("field 'broken': its serializer failed");
    }
}
