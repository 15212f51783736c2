package io.eliot.core;

import io.eliot.core.record.ActionStatus;
import io.eliot.core.record.MessageRecord;
import io.eliot.core.record.MessageSchema;
import io.eliot.core.record.ValidationException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A documented kind of action: its {@code action_type}, the fields of its {@code started} and
 * {@code succeeded} messages, and what it means.
 *
 * <pre>{@code
 * static final ActionType DELIVER = ActionType.of(
 *         "pizzadelivery:deliver", List.of(LOCATION), List.of(COUNT), "Deliver pizzas.");
 *
 * DELIVER.start("location", location).run(() -> ...);
 * DELIVER.asTask("location", location).run(() -> ...);   // a new task
 * }</pre>
 *
 * <p>A {@code failed} message must have {@code exception} and {@code reason} and may have any
 * extracted fields. Logging never validates; tests do.
 */
public final class ActionType implements MessageSchema {

    private final String actionType;
    private final Fields startFields;
    private final Fields successFields;
    private final String description;

    private ActionType(String actionType, List<Field> startFields, List<Field> successFields, String description) {
        this.actionType = Objects.requireNonNull(actionType, "actionType");
        this.startFields = new Fields(startFields);
        this.successFields = new Fields(successFields);
        this.description = Objects.requireNonNull(description, "description");
    }

    /**
     * Declares an action type.
     *
     * @throws IllegalArgumentException if two start fields, or two success fields, share a name
     */
    public static ActionType of(
            String actionType, List<Field> startFields, List<Field> successFields, String description) {
        return new ActionType(actionType, startFields, successFields, description);
    }

    /** Starts an action of this type inside the current action (a new task when there is none). */
    public Action start(Object... keyValues) {
        return Eliot.startAction(this, keyValues);
    }

    /** Starts an action of this type with {@code fields} inside the current action. */
    public Action start(Map<String, ?> fields) {
        return Eliot.startAction(this, fields);
    }

    /** Starts an action of this type as a new task, whatever the current action is. */
    public Action asTask(Object... keyValues) {
        return Eliot.startTask(this, keyValues);
    }

    /** Starts an action of this type with {@code fields} as a new task. */
    public Action asTask(Map<String, ?> fields) {
        return Eliot.startTask(this, fields);
    }

    /** The {@code action_type}. */
    public String actionType() {
        return actionType;
    }

    /** What actions of this type do. */
    public String description() {
        return description;
    }

    /** The declared fields of the {@code started} message. */
    public List<Field> startFields() {
        return List.copyOf(startFields.all());
    }

    /** The declared fields of the {@code succeeded} message. */
    public List<Field> successFields() {
        return List.copyOf(successFields.all());
    }

    @Override
    public Object serialize(MessageRecord message, String field, Object value) {
        return switch (message.actionStatus()) {
            case STARTED -> startFields.serialize(field, value);
            case SUCCEEDED -> successFields.serialize(field, value);
            case FAILED -> value;
        };
    }

    @Override
    public void validate(MessageRecord message) {
        String what = "action " + actionType + " "
                + (message.isAction() ? message.actionStatus().wireName() : "") + " at " + message.taskLevel();
        if (!actionType.equals(message.actionType())) {
            throw new ValidationException(what + ": action_type is " + message.actionType());
        }
        if (message.actionStatus() == ActionStatus.STARTED) {
            startFields.validate(what, message.fields(), true);
        } else if (message.actionStatus() == ActionStatus.SUCCEEDED) {
            successFields.validate(what, message.fields(), true);
        } else {
            for (String required : List.of("exception", "reason")) {
                if (!(message.fields().get(required) instanceof String)) {
                    throw new ValidationException(what + ": missing field '" + required + "'");
                }
            }
        }
    }

    @Override
    public String toString() {
        return "ActionType[" + actionType + "]";
    }
}
