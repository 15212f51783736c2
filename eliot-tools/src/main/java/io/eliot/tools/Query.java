package io.eliot.tools;

import io.eliot.core.record.MessageRecord;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A {@code --select} query on one message: {@code FIELD=VALUE}, {@code FIELD!=VALUE}, {@code
 * FIELD~REGEX} or {@code FIELD}. FIELD is a wire name ({@code action_type}, {@code message_type},
 * {@code action_status}, any logged field) or a dotted path into nested objects ({@code
 * request.user}); values compare as text, strings as they are and anything else in its JSON form.
 */
final class Query {

    private enum Op {
        EQUALS,
        NOT_EQUALS,
        MATCHES,
        PRESENT
    }

    private final String[] path;
    private final Op op;
    private final String value;
    private final Pattern regex;

    private Query(String[] path, Op op, String value, Pattern regex) {
        this.path = path;
        this.op = op;
        this.value = value;
        this.regex = regex;
    }

    static Query parse(String text) throws UsageException {
        int ne = text.indexOf("!=");
        int eq = text.indexOf('=');
        int re = text.indexOf('~');
        int at = firstOf(ne, eq, re);
        if (at == 0) {
            throw new UsageException("--select needs a field name before the operator: " + text);
        }
        if (at < 0) {
            return new Query(path(text), Op.PRESENT, null, null);
        }
        String field = text.substring(0, at);
        if (at == ne) {
            return new Query(path(field), Op.NOT_EQUALS, text.substring(at + 2), null);
        }
        if (at == eq) {
            return new Query(path(field), Op.EQUALS, text.substring(at + 1), null);
        }
        try {
            return new Query(path(field), Op.MATCHES, null, Pattern.compile(text.substring(at + 1)));
        } catch (PatternSyntaxException e) {
            throw new UsageException("--select has a bad regular expression: " + e.getDescription() + ": " + text);
        }
    }

    private static int firstOf(int... positions) {
        int first = -1;
        for (int p : positions) {
            if (p >= 0 && (first < 0 || p < first)) {
                first = p;
            }
        }
        return first;
    }

    private static String[] path(String field) throws UsageException {
        if (field.isBlank()) {
            throw new UsageException("--select needs a field name");
        }
        return field.split("\\.", -1);
    }

    /** Whether {@code message} satisfies this query. */
    boolean matches(MessageRecord message) {
        Object v = message.get(path[0]);
        boolean present = v != null
                || message.fields().containsKey(path[0])
                || message.globalFields().containsKey(path[0]);
        for (int i = 1; i < path.length && present; i++) {
            if (v instanceof Map<?, ?> map && map.containsKey(path[i])) {
                v = map.get(path[i]);
            } else {
                present = false;
            }
        }
        return switch (op) {
            case PRESENT -> present;
            case EQUALS -> present && Values.text(v).equals(value);
            case NOT_EQUALS -> !present || !Values.text(v).equals(value);
            case MATCHES -> present && regex.matcher(Values.text(v)).find();
        };
    }
}
