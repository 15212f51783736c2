package io.eliot.samples.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The screenshots the READMEs show: PNG files made by {@link ViewerBrowserTest} from this sample
 * (regenerate with {@code -Deliot.screenshots.update=true}), committed under the repository's {@code
 * docs/images}. Every image a README links exists, is a PNG and is big enough to read.
 */
class ScreenshotsTest {

    static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
    static final Path DOCS_IMAGES = REPOSITORY.resolve("docs/images");
    static final List<String> VIEWS = List.of("viewer-tree.png", "viewer-timeline.png", "viewer-live.png");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final Pattern IMAGE_LINK = Pattern.compile("!\\[[^\\]]*\\]\\(([^)\\s]+\\.png)\\)");

    @Test
    void eachViewHasAReadablePngUnderDocs() throws IOException {
        for (String view : VIEWS) {
            Path png = DOCS_IMAGES.resolve(view);
            assertThat(png)
                    .as("docs/images/%s (made by ViewerBrowserTest)", view)
                    .isRegularFile();
            int[] size = pngSize(png);
            assertThat(size[0]).as("%s width", view).isGreaterThanOrEqualTo(400);
            assertThat(size[1]).as("%s height", view).isGreaterThanOrEqualTo(150);
        }
    }

    @Test
    void theReadmesShowEachViewAndLinkOnlyImagesThatExist() throws IOException {
        for (Path readme :
                List.of(REPOSITORY.resolve("README.md"), Path.of("README.md").toAbsolutePath())) {
            String text = Files.readString(readme, StandardCharsets.UTF_8);
            Matcher links = IMAGE_LINK.matcher(text);
            List<String> shown = new java.util.ArrayList<>();
            while (links.find()) {
                Path image = readme.getParent().resolve(links.group(1)).normalize();
                assertThat(image).as("%s links %s", readme, links.group(1)).isRegularFile();
                shown.add(image.getFileName().toString());
            }
            assertThat(shown).as("the views %s shows", readme).containsAll(VIEWS);
        }
    }

    /** Width and height from the PNG's IHDR chunk, after checking the signature. */
    private static int[] pngSize(Path png) throws IOException {
        try (InputStream in = Files.newInputStream(png);
                DataInputStream data = new DataInputStream(in)) {
            byte[] signature = data.readNBytes(8);
            assertThat(Arrays.equals(signature, PNG_SIGNATURE))
                    .as("%s is a PNG", png)
                    .isTrue();
            data.readInt(); // IHDR length
            byte[] type = data.readNBytes(4);
            assertThat(new String(type, StandardCharsets.US_ASCII)).isEqualTo("IHDR");
            return new int[] {data.readInt(), data.readInt()};
        }
    }
}
