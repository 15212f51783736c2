package io.eliot.tools;

import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens what the tools read: a file, gzip-compressed or not, or {@code -} for standard input. */
final class Inputs {

    private Inputs() {}

    /**
     * The lines of the UTF-8 text of {@code name} ({@code -}: {@code stdin}), decompressed when it
     * starts with the gzip magic bytes; undecodable bytes become U+FFFD.
     *
     * @throws IOException with a message fit for the user: missing file, a directory, not readable
     */
    static LogLines open(String name, InputStream stdin) throws IOException {
        InputStream raw;
        if (name.equals("-")) {
            raw = stdin;
        } else {
            Path path = Path.of(name);
            if (Files.isDirectory(path)) {
                throw new IOException(name + ": is a directory");
            }
            try {
                raw = Files.newInputStream(path);
            } catch (NoSuchFileException e) {
                throw new FileNotFoundException(name + ": no such file");
            } catch (AccessDeniedException e) {
                throw new IOException(name + ": permission denied");
            }
        }
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        boolean gzip = b1 == 0x1f && b2 == 0x8b;
        return new LogLines(gzip ? new GZIPInputStream(in, 1 << 16) : in, gzip);
    }
}
