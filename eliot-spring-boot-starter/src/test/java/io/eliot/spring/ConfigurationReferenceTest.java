package io.eliot.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The README's configuration reference names every property the starter has, so they stay in sync. */
class ConfigurationReferenceTest {

    @Test
    void everyPropertyInTheGeneratedMetadataIsInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = JsonMapper.builder().build().readTree(in);
        }
        List<String> names = new ArrayList<>();
        metadata.get("properties").forEach(p -> names.add(p.get("name").asString()));

        assertThat(names).as("generated metadata").hasSizeGreaterThan(20);
        assertThat(names)
                .allSatisfy(name -> assertThat(readme.contains("`" + name + "`") || readme.contains("`" + name + "."))
                        // A map-valued property (eliot.destinations, eliot.global-fields) is named with its key.
                        .as("README names %s", name)
                        .isTrue());
    }

    /**
     * The processor describes {@code eliot.destinations} only as a map, so the options of its values
     * are checked here: every option of a destination and of each type's block, with its full name.
     */
    @Test
    void everyDestinationOptionIsInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        List<String> options = new ArrayList<>();
        for (Method getter : EliotProperties.DestinationProperties.class.getDeclaredMethods()) {
            String property = propertyName(getter);
            if (property == null || getter.isAnnotationPresent(DeprecatedConfigurationProperty.class)) {
                continue;
            }
            Class<?> type = getter.getReturnType();
            if (type.getEnclosingClass() == EliotProperties.class && !type.isEnum()) {
                for (Method nested : type.getDeclaredMethods()) {
                    String option = propertyName(nested);
                    if (option != null) {
                        options.add(property + "." + option);
                    }
                }
            } else {
                options.add(property);
            }
        }
        assertThat(options)
                .as("the destination's own options and its blocks' options")
                .contains("type", "async", "file.path", "slf4j.logger-name", "journald.socket-path", "kafka.topic");
        for (String option : options) {
            assertThat(readme).contains("`eliot.destinations.<name>." + option + "`");
        }
    }

    /** Every deprecated flat option is in the README's table of them, beside its replacement. */
    @Test
    void everyDeprecatedFlatOptionIsInTheReadmeWithItsReplacement() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("../README.md"), StandardCharsets.UTF_8);
        int deprecated = 0;
        for (Method getter : EliotProperties.DestinationProperties.class.getDeclaredMethods()) {
            DeprecatedConfigurationProperty annotation = getter.getAnnotation(DeprecatedConfigurationProperty.class);
            if (annotation == null) {
                continue;
            }
            deprecated++;
            assertThat(getter.isAnnotationPresent(Deprecated.class)).isTrue();
            String flat = "`eliot.destinations.<name>." + propertyName(getter) + "`";
            String replacement = "`" + annotation.replacement() + "`";
            assertThat(lines)
                    .as("a README line names %s and its replacement %s", flat, replacement)
                    .anyMatch(line -> line.startsWith("| " + flat) && line.contains(replacement));
        }
        assertThat(deprecated).isEqualTo(8);
    }

    /** The kebab-case property of a getter, or {@code null} if it is not one. */
    private static String propertyName(Method method) {
        if (Modifier.isStatic(method.getModifiers())
                || !Modifier.isPublic(method.getModifiers())
                || method.getParameterCount() != 0) {
            return null;
        }
        String name = method.getName();
        String bare;
        if (name.startsWith("get") && name.length() > 3) {
            bare = name.substring(3);
        } else if (name.startsWith("is") && name.length() > 2) {
            bare = name.substring(2);
        } else {
            return null;
        }
        return (Character.toLowerCase(bare.charAt(0)) + bare.substring(1))
                .replaceAll("([A-Z])", "-$1")
                .toLowerCase(java.util.Locale.ROOT);
    }
}
