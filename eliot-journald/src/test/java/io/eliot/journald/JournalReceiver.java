package io.eliot.journald;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real AF_UNIX datagram socket bound at a path, standing in for journald: receives what a
 * journald destination sends, payload bytes or a passed file descriptor (read back, with its seals).
 * Written against libc directly (not the destination's own socket code), for x86-64 and aarch64 Linux.
 */
final class JournalReceiver implements AutoCloseable {

    /** What one datagram brought. */
    record Received(byte[] payload, byte[] passedFile, int passedFileSeals) {

        /** The entry: the payload, or the passed file's contents. */
        byte[] entry() {
            return passedFile != null ? passedFile : payload;
        }
    }

    interface LibC extends Library {
        int socket(int domain, int type, int protocol);

        int bind(int fd, Pointer address, int length);

        int setsockopt(int fd, int level, int name, Pointer value, int length);

        NativeLong recvmsg(int fd, Pointer message, int flags);

        int fcntl(int fd, int command, int argument);

        int close(int fd);
    }

    private static final LibC C = Native.load(Platform.C_LIBRARY_NAME, LibC.class);
    private static final int BUFFER = 48 * 1024 * 1024;

    private final Path path;
    private final int fd;
    private final Memory buffer = new Memory(BUFFER);

    JournalReceiver(Path path) throws IOException {
        this.path = path;
        fd = C.socket(1 /* AF_UNIX */, 2 /* SOCK_DGRAM */, 0);
        Memory address = new Memory(110);
        address.clear();
        address.setShort(0, (short) 1);
        byte[] bytes = path.toString().getBytes(StandardCharsets.UTF_8);
        address.write(2, bytes, 0, bytes.length);
        if (fd < 0 || C.bind(fd, address, 2 + bytes.length + 1) < 0) {
            throw new IOException("cannot bind " + path + ": errno " + Native.getLastError());
        }
        Memory timeout = new Memory(16); // struct timeval: 20 s
        timeout.setLong(0, 20);
        timeout.setLong(8, 0);
        C.setsockopt(fd, 1 /* SOL_SOCKET */, 20 /* SO_RCVTIMEO */, timeout, 16);
    }

    /** The next datagram; fails after 20 s without one. */
    Received receive() throws IOException {
        Memory iov = new Memory(16);
        iov.setPointer(0, buffer);
        iov.setLong(8, BUFFER);
        Memory control = new Memory(64);
        control.clear();
        Memory message = new Memory(56);
        message.clear();
        message.setPointer(16, iov);
        message.setLong(24, 1);
        message.setPointer(32, control);
        message.setLong(40, 64);
        long n = C.recvmsg(fd, message, 0x40000000 /* MSG_CMSG_CLOEXEC */).longValue();
        if (n < 0) {
            throw new IOException("nothing received on " + path + ": errno " + Native.getLastError());
        }
        byte[] payload = buffer.getByteArray(0, (int) n);
        long controlLength = message.getLong(40);
        if (controlLength == 0) {
            return new Received(payload, null, 0);
        }
        // struct cmsghdr { size_t len; int level; int type; } then the descriptor
        if (control.getInt(8) != 1 || control.getInt(12) != 1) {
            throw new IOException("unexpected control message: level " + control.getInt(8));
        }
        int passed = control.getInt(16);
        try {
            int seals = C.fcntl(passed, 1034 /* F_GET_SEALS */, 0);
            byte[] contents = Files.readAllBytes(Path.of("/proc/self/fd/" + passed));
            return new Received(payload, contents, seals);
        } finally {
            C.close(passed);
        }
    }

    /** Reads an entry of the native protocol back into fields, as journald does. */
    static Map<String, String> fields(byte[] entry) {
        Map<String, String> fields = new LinkedHashMap<>();
        int i = 0;
        while (i < entry.length) {
            int start = i;
            while (entry[i] != '=' && entry[i] != '\n') {
                i++;
            }
            String name = new String(entry, start, i - start, StandardCharsets.US_ASCII);
            if (entry[i] == '=') {
                int valueStart = ++i;
                while (entry[i] != '\n') {
                    i++;
                }
                fields.put(name, new String(entry, valueStart, i - valueStart, StandardCharsets.UTF_8));
            } else {
                long length = 0;
                for (int b = 0; b < 8; b++) {
                    length |= (entry[i + 1 + b] & 0xffL) << (8 * b);
                }
                i += 9;
                fields.put(name, new String(entry, i, (int) length, StandardCharsets.UTF_8));
                i += (int) length;
                if (entry[i] != '\n') {
                    throw new IllegalArgumentException("binary field " + name + " not followed by a newline");
                }
            }
            i++;
        }
        return fields;
    }

    /** {@code NAME=value\n} lines, for writing expected entries by hand. */
    static byte[] lines(String... nameValue) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : nameValue) {
            out.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        C.close(fd);
        Files.deleteIfExists(path);
    }
}
