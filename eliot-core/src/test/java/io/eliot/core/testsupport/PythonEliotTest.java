package io.eliot.core.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Finding Python Eliot, and the reason a test gives when it is not there. */
class PythonEliotTest {

    @Test
    void noInterpreterAmongCandidatesThatDoNotExistAndTheReasonSaysWhatToInstall() {
        List<String> missing = List.of("/nonexistent/python3", "no-such-python-3");

        assertThat(PythonEliot.find(missing)).isNull();
        assertThat(PythonEliot.skipReason(missing))
                .isEqualTo("no Python interpreter can 'import eliot.parse, eliot.prettyprint' (tried"
                        + " /nonexistent/python3, no-such-python-3); install it with: apt-get install python3-eliot");
    }

    @Test
    void anInterpreterThatCannotImportEliotIsNotChosen() {
        // "false" runs and exits non-zero whatever it is given, as a Python without Eliot does
        assertThat(PythonEliot.find(List.of("false"))).isNull();
    }
}
