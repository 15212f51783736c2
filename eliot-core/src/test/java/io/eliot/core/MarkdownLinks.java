package io.eliot.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks the relative links of the Markdown files under a root: each must point to a file or
 * directory inside the root, and a {@code #anchor} into a Markdown file must name one of its
 * headings (GitHub's slugs). Links in fenced code blocks and code spans are not links; links with a
 * scheme ({@code https:}, {@code mailto:}) are not checked, except {@code file:}, which points
 * outside.
 */
final class MarkdownLinks {

    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", "node_modules", ".git");
    private static final Pattern INLINE =
            Pattern.compile("!?\\[(?:[^\\[\\]]|\\[[^\\]]*\\])*\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s+.*)?$");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(?:(?!\\1).)+?\\1");
    private static final Pattern LINK_TEXT = Pattern.compile("!?\\[([^\\]]*)\\]\\([^)]*\\)");
    private static final Pattern NOT_IN_SLUG = Pattern.compile("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]");

    private final Path root;
    private final Map<Path, Set<String>> anchors = new HashMap<>();

    private MarkdownLinks(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Every broken link under {@code root}, as {@code file:line: link: why}; empty when all are fine. */
    static List<String> problems(Path root) throws IOException {
        MarkdownLinks links = new MarkdownLinks(root);
        List<String> problems = new ArrayList<>();
        for (Path file : markdownFiles(links.root)) {
            problems.addAll(links.check(file));
        }
        return problems;
    }

    /** The Markdown files under {@code root}, outside build output and dependencies. */
    static List<Path> markdownFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".md"))
                    .filter(Files::isRegularFile)
                    .filter(f -> {
                        for (Path part : root.relativize(f)) {
                            if (SKIPPED_DIRECTORIES.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .sorted()
                    .toList();
        }
    }

    private List<String> check(Path file) throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        String name = root.relativize(file).toString();
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            String text = CODE_SPAN.matcher(line).replaceAll("");
            List<String> targets = new ArrayList<>();
            Matcher inline = INLINE.matcher(text);
            while (inline.find()) {
                targets.add(inline.group(1));
            }
            Matcher reference = REFERENCE.matcher(text);
            if (reference.matches()) {
                targets.add(reference.group(1));
            }
            for (String target : targets) {
                String why = problem(file, target);
                if (why != null) {
                    problems.add(name + ":" + (i + 1) + ": " + target + ": " + why);
                }
            }
        }
        return problems;
    }

    /** Why {@code target}, linked from {@code file}, is broken; null when it is fine or not relative. */
    private String problem(Path file, String target) {
        if (target.startsWith("file:")) {
            return "points outside the repository (a file: URL)";
        }
        if (target.isEmpty() || SCHEME.matcher(target).find() || target.startsWith("//")) {
            return null;
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        Path resolved;
        if (path.isEmpty()) {
            resolved = file;
        } else {
            String decoded = path.replace("%20", " ");
            resolved = (decoded.startsWith("/")
                            ? root.resolve(decoded.substring(1))
                            : file.getParent().resolve(decoded))
                    .normalize();
        }
        if (!resolved.startsWith(root)) {
            return "points outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file " + root.relativize(resolved);
        }
        if (anchor != null && !anchor.isEmpty() && resolved.toString().endsWith(".md")) {
            if (!anchors(resolved).contains(anchor)) {
                return "no heading with anchor #" + anchor + " in " + root.relativize(resolved);
            }
        }
        return null;
    }

    private Set<String> anchors(Path markdown) {
        return anchors.computeIfAbsent(markdown, f -> {
            try {
                return anchorsOf(Files.readAllLines(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The anchors GitHub gives the headings of {@code lines}, and explicit {@code <a name/id>} anchors. */
    static Set<String> anchorsOf(List<String> lines) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : lines) {
            if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher html = HTML_ANCHOR.matcher(line);
            while (html.find()) {
                anchors.add(html.group(1));
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(1));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return anchors;
    }

    /**
     * GitHub's anchor for a heading's text: the text as shown (link targets, code backticks and
     * emphasis marks gone), lower case, without punctuation other than {@code -} and {@code _},
     * spaces as {@code -}.
     */
    static String slug(String heading) {
        String shown = LINK_TEXT.matcher(heading).replaceAll("$1").replace("`", "");
        return NOT_IN_SLUG
                .matcher(shown.toLowerCase(Locale.ROOT))
                .replaceAll("")
                .replace(' ', '-');
    }
}
