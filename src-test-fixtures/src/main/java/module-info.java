/** JUnit Jupiter fixtures for Eliot: capture what a test logs and assert on its task trees. */
module io.eliot.testing {
    requires transitive io.eliot.core;
    requires transitive org.junit.jupiter.api;
    requires org.junit.platform.commons;

    exports io.eliot.testing;

    // JUnit creates the extension and reads the annotations reflectively.
    opens io.eliot.testing to
            org.junit.platform.commons;
}
