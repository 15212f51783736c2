package io.eliot.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link in every Markdown file of the repository (README, CHANGELOG, docs, samples,
 * benchmarks, module READMEs) points to a file inside it, and every {@code #anchor} into a Markdown
 * file to one of its headings.
 */
class MarkdownLinksTest {

    /** The repository: the parent of this module's directory (Maven's {@code basedir}). */
    static Path repository() {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        Path root = module.getParent();
        assertThat(root.resolve("pom.xml"))
                .as("the repository root above %s", module)
                .exists();
        assertThat(root.resolve("README.md")).exists();
        return root;
    }

    @Test
    void everyRelativeLinkInTheRepositoryPointsToAFileOrHeadingInsideIt() throws Exception {
        Path root = repository();

        assertThat(MarkdownLinks.markdownFiles(root))
                .extracting(f -> root.relativize(f).toString())
                .contains("README.md", "CHANGELOG.md", "docs/wire-format.md", "samples/quickstart/README.md");
        assertThat(MarkdownLinks.problems(root)).isEmpty();
    }

    @Test
    void brokenLinksAreFoundWithTheirFileAndLine(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/guide.md"), """
                # Guide
                ## Set-up: `eliot.properties` & more
                ## Set-up: `eliot.properties` & more
                ## Élan [linked](https://example.com)
                """);
        Files.writeString(root.resolve("README.md"), """
                # Title
                [ok](docs/guide.md) [ok](docs/guide.md#guide) [ok](docs/guide.md#set-up-eliotproperties--more-1)
                [ok](docs/guide.md#élan-linked) [ok](#title) [ok](docs) [web](https://example.com/x.md#nope)
                [missing](docs/nothing.md) [anchor](docs/guide.md#setup) ![image](img/logo.png "Logo")
                [outside](../elsewhere/README.md) [file](file:///etc/passwd) [here](#nope)
                `[code](not/checked.md)`
                ```
                [fenced](not/checked.md)
                ```
                [ref]: docs/gone.md
                """);
        Files.createDirectories(root.resolve("target"));
        Files.writeString(root.resolve("target/built.md"), "[broken](nowhere.md)\n");

        List<String> problems = MarkdownLinks.problems(root);

        assertThat(problems)
                .containsExactly(
                        "README.md:4: docs/nothing.md: no such file docs/nothing.md",
                        "README.md:4: docs/guide.md#setup: no heading with anchor #setup in docs/guide.md",
                        "README.md:4: img/logo.png: no such file img/logo.png",
                        "README.md:5: ../elsewhere/README.md: points outside the repository",
                        "README.md:5: file:///etc/passwd: points outside the repository (a file: URL)",
                        "README.md:5: #nope: no heading with anchor #nope in README.md",
                        "README.md:10: docs/gone.md: no such file docs/gone.md");
    }

    @Test
    void anchorsAreGitHubsSlugsNumberedWhenRepeated() {
        assertThat(MarkdownLinks.anchorsOf(List.of(
                        "## What it costs",
                        "## What it costs",
                        "### `eliot.destinations.main.file.path`",
                        "# C++ & Java!")))
                .containsExactlyInAnyOrder(
                        "what-it-costs", "what-it-costs-1", "eliotdestinationsmainfilepath", "c--java");
    }
}
