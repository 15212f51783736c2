package io.eliot.core.record;

/** The {@code action_status} of an action message. */
public enum ActionStatus {
    /** The action began; logged when it is started. */
    STARTED("started"),
    /** The action finished without an exception. */
    SUCCEEDED("succeeded"),
    /** The action finished with an exception. */
    FAILED("failed");

    private final String wireName;

    ActionStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The value written in {@code action_status}: {@code started}, {@code succeeded} or {@code failed}. */
    public String wireName() {
        return wireName;
    }

    /**
     * The status written as {@code wireName}.
     *
     * @throws IllegalArgumentException for any other string
     */
    public static ActionStatus fromWireName(String wireName) {
        for (ActionStatus s : values()) {
            if (s.wireName.equals(wireName)) {
                return s;
            }
        }
        throw new IllegalArgumentException("not an action status: " + wireName);
    }
}
