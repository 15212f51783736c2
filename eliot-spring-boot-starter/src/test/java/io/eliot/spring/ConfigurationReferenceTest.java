package io.eliot.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
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

    @Test
    void everyDestinationOptionIsInTheReadme() throws Exception {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        for (Field f : EliotProperties.DestinationProperties.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            String kebab = f.getName().replaceAll("([A-Z])", "-$1").toLowerCase();
            assertThat(readme).contains("`eliot.destinations.<name>." + kebab + "`");
        }
    }
}
