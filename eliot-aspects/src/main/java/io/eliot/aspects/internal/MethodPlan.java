package io.eliot.aspects.internal;

import io.eliot.annotations.FieldName;
import io.eliot.annotations.LoggedAction;
import io.eliot.annotations.NotLogged;
import io.eliot.annotations.Redacted;
import io.eliot.core.Eliot;
import io.eliot.core.settings.FieldRedaction;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What to log for one annotated method, worked out once from its annotations and parameters: the
 * type name, which arguments become which fields, the result field, the exceptions that count as
 * success.
 */
public final class MethodPlan {

    /** {@code @LoggedAction}'s default {@code resultField}. */
    private static final String DEFAULT_RESULT_FIELD = "result";

    /** Where a Flux's element count goes unless {@code resultField} names another field. */
    private static final String FLUX_COUNT_FIELD = "count";

    private final String type;
    private final int[] argIndexes;
    private final String[] argFields;
    private final boolean[] argRedacted;
    private final boolean newTask;
    private final boolean resultRedacted;
    private final String resultField; // null: not logged
    private final Class<? extends Throwable>[] successOn;
    private final Returns returns;

    /** What the method is declared to return, as far as logging is concerned. */
    public enum Returns {
        /** A value (or a {@code CompletionStage}): the action runs around the call. */
        VALUE,
        /** A Reactor {@code Mono}: an action per subscription, the value as the result. */
        MONO,
        /** A Reactor {@code Flux}: an action per subscription, the element count as the result. */
        FLUX
    }

    private MethodPlan(
            String type,
            int[] argIndexes,
            String[] argFields,
            boolean[] argRedacted,
            boolean newTask,
            boolean resultRedacted,
            String resultField,
            Class<? extends Throwable>[] successOn,
            Returns returns) {
        this.type = type;
        this.argIndexes = argIndexes;
        this.argFields = argFields;
        this.argRedacted = argRedacted;
        this.newTask = newTask;
        this.resultRedacted = resultRedacted;
        this.resultField = resultField;
        this.successOn = successOn;
        this.returns = returns;
    }

    /** The plan of a {@code @LoggedAction} method. */
    public static MethodPlan forAction(Method method, LoggedAction annotation) {
        boolean returnsValue = method.getReturnType() != void.class && method.getReturnType() != Void.class;
        Returns returns = Outcomes.returns(method.getReturnType());
        String resultField = annotation.resultField();
        if (returns == Returns.FLUX && resultField.equals(DEFAULT_RESULT_FIELD)) {
            resultField = FLUX_COUNT_FIELD;
        }
        return new MethodPlan(
                        typeName(annotation.value(), method),
                        null,
                        null,
                        null,
                        annotation.newTask(),
                        method.isAnnotationPresent(Redacted.class),
                        annotation.logResult() && returnsValue ? resultField : null,
                        annotation.successOn(),
                        returns)
                .withArgs(method, annotation.args());
    }

    /** The plan of a {@code @LogMessage} method. */
    @SuppressWarnings("unchecked")
    public static MethodPlan forMessage(Method method, String value, String[] args) {
        return new MethodPlan(
                        typeName(value, method), null, null, null, false, false, null, new Class[0], Returns.VALUE)
                .withArgs(method, args);
    }

    private MethodPlan withArgs(Method method, String[] selected) {
        Parameter[] parameters = method.getParameters();
        Annotation[][] annotations = method.getParameterAnnotations();
        boolean all = Arrays.asList(selected).contains(LoggedAction.ALL);
        Set<String> wanted = new TreeSet<>(Arrays.asList(selected));
        wanted.remove(LoggedAction.ALL);
        List<Integer> indexes = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        List<Boolean> redacted = new ArrayList<>();
        for (int i = 0; i < parameters.length; i++) {
            String name = parameters[i].getName();
            boolean chosen = all || wanted.contains(name);
            wanted.remove(name);
            if (!chosen || has(annotations[i], NotLogged.class)) {
                continue;
            }
            indexes.add(i);
            fields.add(fieldName(annotations[i], name));
            redacted.add(has(annotations[i], Redacted.class));
        }
        if (!wanted.isEmpty()) {
            Eliot.log(
                    "eliot:invalid_annotation",
                    "method",
                    method.toGenericString(),
                    "problem",
                    "args names parameters that do not exist (compiled without -parameters?): " + wanted);
        }
        return new MethodPlan(
                type,
                indexes.stream().mapToInt(Integer::intValue).toArray(),
                fields.toArray(String[]::new),
                toArray(redacted),
                newTask,
                resultRedacted,
                resultField,
                successOn,
                returns);
    }

    private static boolean[] toArray(List<Boolean> flags) {
        boolean[] array = new boolean[flags.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = flags.get(i);
        }
        return array;
    }

    private static boolean has(Annotation[] annotations, Class<? extends Annotation> type) {
        for (Annotation a : annotations) {
            if (a.annotationType() == type) {
                return true;
            }
        }
        return false;
    }

    private static String fieldName(Annotation[] annotations, String parameterName) {
        for (Annotation a : annotations) {
            if (a instanceof FieldName named && !named.value().isEmpty()) {
                return named.value();
            }
        }
        return parameterName;
    }

    /**
     * {@code explicit} if given, otherwise the declaring class's name without its package (nested
     * classes dot-separated) and the method name: {@code OrderService.checkout}.
     */
    static String typeName(String explicit, Method method) {
        if (!explicit.isEmpty()) {
            return explicit;
        }
        String className = method.getDeclaringClass().getName();
        String packageName = method.getDeclaringClass().getPackageName();
        String local = packageName.isEmpty() ? className : className.substring(packageName.length() + 1);
        return local.replace('$', '.') + "." + method.getName();
    }

    /** The {@code action_type} or {@code message_type}. */
    public String type() {
        return type;
    }

    /** Whether the action starts a new task. */
    public boolean newTask() {
        return newTask;
    }

    /** Whether the method is declared to return a Reactor {@code Mono} or {@code Flux}. */
    public boolean reactive() {
        return returns != Returns.VALUE;
    }

    /** The return value's field name (a Flux's element count's), or null when it is not logged. */
    public String resultField() {
        return resultField;
    }

    /**
     * The fields for {@code args} as alternating names and values: the form {@code
     * Eliot.startAction(type, Object...)} takes without an intermediate map (Eliot cuts them to the
     * field limits in force as they are logged).
     */
    public Object[] fields(Object[] args) {
        Object[] keyValues = new Object[argIndexes.length * 2];
        for (int i = 0; i < argIndexes.length; i++) {
            keyValues[2 * i] = argFields[i];
            keyValues[2 * i + 1] = argRedacted[i] ? FieldRedaction.REDACTED : args[argIndexes[i]];
        }
        return keyValues;
    }

    /** The return value as logged: itself, or redacted when the method says so. */
    public Object result(Object value) {
        return resultRedacted ? FieldRedaction.REDACTED : value;
    }

    /** Whether {@code failure} counts as success. */
    public boolean countsAsSuccess(Throwable failure) {
        for (Class<? extends Throwable> c : successOn) {
            if (c.isInstance(failure)) {
                return true;
            }
        }
        return false;
    }
}
