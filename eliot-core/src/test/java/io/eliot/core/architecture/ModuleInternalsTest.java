package io.eliot.core.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No module of the repository names another module's {@code internal} package, in main or test
 * code: only a module's public API is used across modules. (The {@code module-info} files make the
 * compiler say so too; this holds on the class path and for test code.)
 */
class ModuleInternalsTest {

    /** A name inside an internal package: {@code io.eliot.<...>.internal[.<...>]}. */
    private static final Pattern INTERNAL_NAME = Pattern.compile("\\bio\\.eliot(?:\\.\\w+)*?\\.internal\\b");

    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");

    @Test
    void noModuleNamesAnotherModulesInternalPackage() throws IOException {
        Path root = repositoryRoot();
        List<Path> sources = javaSources(root);
        assertThat(sources).as("Java sources under " + root).hasSizeGreaterThan(100);

        Map<Path, Set<String>> ownInternals = new HashMap<>();
        for (Path source : sources) {
            Matcher declared = PACKAGE.matcher(read(source));
            if (declared.find() && isMainSource(source)) {
                Matcher internal = INTERNAL_NAME.matcher(declared.group(1));
                if (internal.find()) {
                    ownInternals
                            .computeIfAbsent(module(source), m -> new HashSet<>())
                            .add(internal.group());
                }
            }
        }

        List<String> violations = new ArrayList<>();
        for (Path source : sources) {
            Set<String> own = ownInternals.getOrDefault(module(source), Set.of());
            String[] lines = withoutComments(read(source)).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String code = lines[i].replaceFirst("^\\s*package\\s+[\\w.]+\\s*;", "");
                Matcher named = INTERNAL_NAME.matcher(code);
                while (named.find()) {
                    if (!own.contains(named.group())) {
                        violations.add(root.relativize(source) + ":" + (i + 1) + ": " + lines[i].trim());
                    }
                }
            }
        }
        assertThat(violations)
                .as("references to another module's internal package (use its public API)")
                .isEmpty();
    }

    /** The directory above this module's that holds the aggregating {@code pom.xml}. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("eliot-core")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(
                "no repository root above " + Path.of("").toAbsolutePath());
    }

    private static List<Path> javaSources(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> {
                        Path relative = root.relativize(p);
                        for (Path part : relative) {
                            String name = part.toString();
                            if (name.equals("target") || name.startsWith(".")) {
                                return false;
                            }
                        }
                        return relative.toString()
                                .contains("src" + relative.getFileSystem().getSeparator());
                    })
                    .sorted()
                    .toList();
        }
    }

    /** The nearest directory above {@code source} with a {@code pom.xml}. */
    private static Path module(Path source) {
        Path dir = source.getParent();
        while (!Files.isRegularFile(dir.resolve("pom.xml"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    private static boolean isMainSource(Path source) {
        return source.toString()
                .contains("src/main/java"
                        .replace('/', source.getFileSystem().getSeparator().charAt(0)));
    }

    private static String read(Path source) {
        try {
            return Files.readString(source, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(source.toString(), e);
        }
    }

    /** {@code text} with comments blanked out, line breaks kept (so line numbers stay right). */
    static String withoutComments(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '"' && text.charAt(end) != '\n') {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, text.length());
                out.append(text, i, end);
                i = end;
            } else if (text.startsWith("//", i)) {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
                for (int j = i; j < end; j++) {
                    if (text.charAt(j) == '\n') {
                        out.append('\n');
                    }
                }
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
