package io.eliot.spring;

/**
 * An {@code eliot.*} property has a value Eliot cannot work with. Raised at startup, before any
 * destination is registered, so nothing is half-configured; Spring Boot's failure analysis prints
 * the property and the problem.
 */
public class EliotConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String property;
    private final String problem;

    /** The problem with {@code property}, e.g. {@code eliot.destinations.main.path}. */
    public EliotConfigurationException(String property, String problem) {
        this(property, problem, null);
    }

    /** The problem with {@code property}, caused by {@code cause}. */
    public EliotConfigurationException(String property, String problem, Throwable cause) {
        super(property + ": " + problem, cause);
        this.property = property;
        this.problem = problem;
    }

    /** The property, e.g. {@code eliot.destinations.main.path}. */
    public String getProperty() {
        return property;
    }

    /** What is wrong with it. */
    public String getProblem() {
        return problem;
    }
}
