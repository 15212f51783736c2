package io.eliot.core.slf4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * eliot-core with SLF4J absent: the test class path without slf4j-api and logback, in a class loader
 * of its own (parent: the platform loader, so nothing leaks in from the test's loader). Actions,
 * hand-offs and scopes work as ever; {@link EliotMdc} says SLF4J is missing and refuses to install.
 */
class WithoutSlf4jTest {

    @Test
    void coreWorksWithoutSlf4jAndTheMdcBridgeSaysItIsMissing() throws Exception {
        URL[] withoutSlf4j = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("slf4j") && !entry.contains("logback"))
                .map(WithoutSlf4jTest::url)
                .toArray(URL[]::new);
        assertThat(withoutSlf4j).anySatisfy(url -> assertThat(url.toString()).contains("eliot-core"));

        List<Object> report;
        try (URLClassLoader loader = new URLClassLoader(withoutSlf4j, ClassLoader.getPlatformClassLoader())) {
            Class<?> child = Class.forName(WithoutSlf4jChild.class.getName(), true, loader);
            assertThat(child).isNotSameAs(WithoutSlf4jChild.class);
            report = List.copyOf((List<?>) child.getMethod("run").invoke(null));
        }

        assertThat(report)
                .containsExactly(
                        "slf4j=absent",
                        "available=false",
                        "install=EliotMdc needs SLF4J (org.slf4j:slf4j-api 2.x) on the class path",
                        "installed=false",
                        "same-task-in-pool=true",
                        "message=/1 without-slf4j STARTED",
                        "message=/2/1 child STARTED",
                        "message=/2/2 inside",
                        "message=/2/3 child SUCCEEDED",
                        "message=/3 entered",
                        "message=/4/1 eliot:remote_task STARTED",
                        "message=/4/2 eliot:remote_task SUCCEEDED",
                        "message=/5 without-slf4j SUCCEEDED");
    }

    private static URL url(String entry) {
        try {
            return Path.of(entry).toUri().toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(entry, e);
        }
    }
}
