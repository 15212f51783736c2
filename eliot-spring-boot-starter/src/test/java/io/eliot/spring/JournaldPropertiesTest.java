package io.eliot.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Eliot;
import io.eliot.core.destination.Destination;
import io.eliot.journald.JournaldDestination;
import io.eliot.spring.internal.EliotConfigurationFailureAnalyzer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code eliot.destinations.<name>.journald.*}. The socket here is a real Unix socket file made by
 * the JDK; what the destination sends through it is tested in eliot-journald against a datagram
 * socket and a real journald.
 */
class JournaldPropertiesTest {

    @TempDir
    Path dir;

    private Path socket;
    private ServerSocketChannel socketOwner;

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(EliotAutoConfiguration.class));

    @BeforeEach
    void makeSocket() throws Exception {
        socket = dir.resolve("journal.socket");
        socketOwner = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket));
    }

    @AfterEach
    void closeSocket() throws Exception {
        socketOwner.close();
    }

    @Test
    void aJournaldDestinationIsBuiltWithTheApplicationNameAsIdentifier() {
        runner.withPropertyValues(
                        "spring.application.name=orders", "eliot.destinations.journal.journald.socket-path=" + socket)
                .run(context -> {
                    Destination journal = context.getBean(EliotDestinations.class)
                            .configured()
                            .get("journal");
                    assertThat(journal).isInstanceOf(JournaldDestination.class);
                    assertThat(((JournaldDestination) journal).syslogIdentifier())
                            .isEqualTo("orders");
                    assertThat(((JournaldDestination) journal).socketPath()).isEqualTo(socket);
                    assertThat(Eliot.destinations()).contains(journal);
                });
    }

    @Test
    void anExplicitIdentifierWinsAndAsyncWrapsIt() {
        runner.withPropertyValues(
                        "spring.application.name=orders",
                        "eliot.destinations.journal.type=journald",
                        "eliot.destinations.journal.journald.socket-path=" + socket,
                        "eliot.destinations.journal.journald.syslog-identifier=orders-eu",
                        "eliot.destinations.journal.async=true")
                .run(context -> assertThat(context.getBean(EliotDestinations.class)
                                .configured()
                                .get("journal")
                                .toString())
                        .isEqualTo("AsyncDestination[JournaldDestination[" + socket
                                + " as orders-eu], capacity 8192, BLOCK]"));
    }

    @Test
    void withoutApplicationNameTheIdentifierIsTheMainClass() {
        runner.withPropertyValues("eliot.destinations.journal.journald.socket-path=" + socket)
                .run(context -> assertThat(((JournaldDestination) context.getBean(EliotDestinations.class)
                                        .configured()
                                        .get("journal"))
                                .syslogIdentifier())
                        .isEqualTo(JournaldDestination.defaultSyslogIdentifier()));
    }

    @Test
    void aMissingSocketFailsStartupNamingSocketPath() {
        Path missing = dir.resolve("missing.socket");
        assertFailsNaming(
                "eliot.destinations.journal.journald.socket-path",
                "no socket at " + missing + "; is systemd-journald running?",
                "eliot.destinations.journal.journald.socket-path=" + missing);
        assertFailsNaming(
                "eliot.destinations.journal.socket-path",
                "no socket at " + missing + "; is systemd-journald running?",
                "eliot.destinations.journal.type=journald",
                "eliot.destinations.journal.socket-path=" + missing);
    }

    @Test
    void withoutEliotJournaldOnTheClassPathStartupFailsNamingTheProperty() {
        ApplicationContextRunner withoutJournald =
                runner.withClassLoader(new FilteredClassLoader("io.eliot.journald."));
        String problem = "journald needs io.eliot:eliot-journald on the class path (and net.java.dev.jna:jna 5.x)";
        assertFailsNaming(
                withoutJournald,
                "eliot.destinations.journal.type",
                problem,
                "eliot.destinations.journal.type=journald");
        assertFailsNaming(
                withoutJournald,
                "eliot.destinations.journal.journald",
                problem,
                "eliot.destinations.journal.journald.socket-path=" + socket);
        withoutJournald
                .withPropertyValues("eliot.destinations.out.type=stdout")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void journaldOptionsOnAnotherTypeAndABlankIdentifierFail() {
        assertFailsNaming(
                "eliot.destinations.out.socket-path",
                "does not apply to a stdout destination",
                "eliot.destinations.out.type=stdout",
                "eliot.destinations.out.socket-path=" + socket);
        assertFailsNaming(
                "eliot.destinations.out.syslog-identifier",
                "does not apply to a file destination",
                "eliot.destinations.out.type=file",
                "eliot.destinations.out.path=" + dir.resolve("app.log"),
                "eliot.destinations.out.syslog-identifier=x");
        assertFailsNaming(
                "eliot.destinations.journal.syslog-identifier",
                "must not be blank",
                "eliot.destinations.journal.type=journald",
                "eliot.destinations.journal.socket-path=" + socket,
                "eliot.destinations.journal.syslog-identifier= ");
        assertFailsNaming(
                "eliot.destinations.journal.journald.syslog-identifier",
                "must not be blank",
                "eliot.destinations.journal.journald.socket-path=" + socket,
                "eliot.destinations.journal.journald.syslog-identifier= ");
        assertFailsNaming(
                "eliot.destinations.out.journald",
                "does not apply to a stdout destination",
                "eliot.destinations.out.type=stdout",
                "eliot.destinations.out.journald.socket-path=" + socket);
    }

    @Test
    void journaldOptionsThatBelongToFilesFail() {
        assertFailsNaming(
                "eliot.destinations.journal.path",
                "does not apply to a journald destination",
                "eliot.destinations.journal.type=journald",
                "eliot.destinations.journal.path=x.log");
    }

    private void assertFailsNaming(String property, String problem, String... properties) {
        assertFailsNaming(runner, property, problem, properties);
    }

    private static void assertFailsNaming(
            ApplicationContextRunner runner, String property, String problem, String... properties) {
        int before = Eliot.destinations().size();
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new EliotConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).as("analysed: %s", context.getStartupFailure()).isNotNull();
            assertThat(analysis.getDescription())
                    .contains("Property: " + property)
                    .contains(problem);
        });
        assertThat(Eliot.destinations()).as("nothing registered").hasSize(before);
    }

    @Test
    void configuredDestinationsAreClosedWithTheContext() {
        List<Map<String, Destination>> seen = new ArrayList<>();
        runner.withPropertyValues("eliot.destinations.journal.journald.socket-path=" + socket)
                .run(context ->
                        seen.add(context.getBean(EliotDestinations.class).configured()));
        assertThat(Eliot.destinations()).doesNotContain(seen.get(0).get("journal"));
    }
}
