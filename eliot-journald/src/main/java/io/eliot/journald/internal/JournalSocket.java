package io.eliot.journald.internal;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An unconnected AF_UNIX datagram socket that sends journal entries to journald's native socket,
 * as {@code sd_journal_send} does: one datagram per entry, or, when the entry does not fit in a
 * datagram, an empty datagram carrying a sealed memfd holding it ({@code SCM_RIGHTS}). Every send
 * names the socket path, so a restarted journald is reached again.
 *
 * <p>Uses JNA: load this class only after checking that JNA is on the class path (this class
 * cannot even be loaded without it). Thread-safe; {@link #close} waits for sends in flight.
 */
public final class JournalSocket implements AutoCloseable {

    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_SNDBUF = 7;
    private static final int SO_SNDBUFFORCE = 32;
    private static final int SCM_RIGHTS = 1;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int SO_SNDTIMEO = 21;
    private static final int EMSGSIZE = 90;
    private static final int ENOBUFS = 105;
    private static final int MFD_CLOEXEC = 1;
    private static final int MFD_ALLOW_SEALING = 2;
    private static final int F_ADD_SEALS = 1033;
    private static final int SEALS = 1 | 2 | 4 | 8; // F_SEAL_SEAL | SHRINK | GROW | WRITE
    private static final int SUN_PATH_MAX = 108;

    /** What sd_journal_send asks for, so entries up to several MiB go as one datagram. */
    private static final int SEND_BUFFER_BYTES = 8 * 1024 * 1024;

    /** The libc calls used; all set errno on failure. */
    interface LibC extends Library {
        int socket(int domain, int type, int protocol);

        int setsockopt(int fd, int level, int name, int[] value, int length);

        int setsockopt(int fd, int level, int name, Pointer value, int length);

        NativeLong sendto(int fd, byte[] buffer, NativeLong length, int flags, Pointer address, int addressLength);

        NativeLong sendmsg(int fd, Pointer message, int flags);

        int memfd_create(String name, int flags);

        NativeLong write(int fd, Pointer buffer, NativeLong count);

        int fcntl(int fd, int command, int argument);

        int close(int fd);

        String strerror(int errno);
    }

    private static volatile LibC libc;

    private final Path path;
    private final Memory address;
    private final int addressLength;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private int fd; // -1 once closed; read under the read lock, changed under the write lock

    private JournalSocket(Path path, Memory address, int addressLength, int fd) {
        this.path = path;
        this.address = address;
        this.addressLength = addressLength;
        this.fd = fd;
    }

    /**
     * Why JNA cannot load the C library, or {@code null} if it can. Call only once JNA is known to be
     * on the class path: this class does not load without it. Never throws.
     */
    public static String libraryProblem() {
        try {
            libc();
            return null;
        } catch (Throwable e) {
            return "JNA cannot load the C library: " + e;
        }
    }

    private static LibC libc() {
        LibC l = libc;
        if (l == null) {
            synchronized (JournalSocket.class) {
                if (libc == null) {
                    libc = Native.load(Platform.C_LIBRARY_NAME, LibC.class);
                }
                l = libc;
            }
        }
        return l;
    }

    /**
     * Opens a socket that sends to {@code path}; a send that journald does not take within {@code
     * sendTimeout} (its queue full and not moving) fails instead of blocking on.
     *
     * @throws IOException if the path is too long for a socket address or no socket can be made
     */
    public static JournalSocket open(Path path, Duration sendTimeout) throws IOException {
        byte[] pathBytes = path.toString().getBytes(StandardCharsets.UTF_8);
        if (pathBytes.length >= SUN_PATH_MAX) {
            throw new IOException("socket path " + path + " is longer than " + (SUN_PATH_MAX - 1) + " bytes");
        }
        Memory address = new Memory(2 + SUN_PATH_MAX);
        address.clear();
        address.setShort(0, (short) AF_UNIX);
        address.write(2, pathBytes, 0, pathBytes.length);
        LibC c = libc();
        int fd = c.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw failure("socket(AF_UNIX, SOCK_DGRAM)");
        }
        int[] size = {SEND_BUFFER_BYTES};
        if (c.setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, size, 4) < 0) {
            c.setsockopt(fd, SOL_SOCKET, SO_SNDBUF, size, 4); // capped by net.core.wmem_max: fine
        }
        Memory timeval = new Memory(2L * Native.LONG_SIZE); // struct timeval { long tv_sec; long tv_usec; }
        long micros = Math.max(1, TimeUnit.NANOSECONDS.toMicros(sendTimeout.toNanos()));
        timeval.setNativeLong(0, new NativeLong(micros / 1_000_000));
        timeval.setNativeLong(Native.LONG_SIZE, new NativeLong(micros % 1_000_000));
        if (c.setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, timeval, (int) timeval.size()) < 0) {
            IOException e = failure("setting the send timeout");
            c.close(fd);
            throw e;
        }
        return new JournalSocket(path, address, 2 + pathBytes.length + 1, fd);
    }

    /**
     * Sends one entry (the native protocol's bytes): as a datagram, or through a sealed memfd when
     * it is too big for one.
     *
     * @throws IOException if journald cannot be reached (not running, socket gone) or the entry
     *     cannot be handed over
     */
    public void send(byte[] entry) throws IOException {
        lock.readLock().lock();
        try {
            if (fd < 0) {
                throw new IOException("the journal socket " + path + " is closed");
            }
            LibC c = libc();
            while (true) {
                long sent = c.sendto(fd, entry, new NativeLong(entry.length), MSG_NOSIGNAL, address, addressLength)
                        .longValue();
                if (sent >= 0) {
                    return;
                }
                int errno = Native.getLastError();
                if (errno == EMSGSIZE || errno == ENOBUFS) {
                    sendAsMemfd(c, entry);
                    return;
                }
                if (errno == EAGAIN) {
                    throw new IOException("journald at " + path + " did not take an entry within the send timeout");
                }
                if (errno != EINTR) {
                    throw failure("sending " + entry.length + " bytes to " + path, errno);
                }
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    private void sendAsMemfd(LibC c, byte[] entry) throws IOException {
        int memfd = c.memfd_create("eliot-journal-entry", MFD_CLOEXEC | MFD_ALLOW_SEALING);
        if (memfd < 0) {
            throw failure("memfd_create for an entry of " + entry.length + " bytes, too big for a datagram");
        }
        try {
            Memory data = new Memory(entry.length);
            data.write(0, entry, 0, entry.length);
            long written = 0;
            while (written < entry.length) {
                long n = c.write(memfd, data.share(written), new NativeLong(entry.length - written))
                        .longValue();
                if (n < 0) {
                    int errno = Native.getLastError();
                    if (errno == EINTR) {
                        continue;
                    }
                    throw failure("writing " + entry.length + " bytes to a memfd", errno);
                }
                written += n;
            }
            if (c.fcntl(memfd, F_ADD_SEALS, SEALS) < 0) {
                throw failure("sealing the memfd");
            }
            sendDescriptor(c, memfd);
        } finally {
            c.close(memfd);
        }
    }

    /** sendmsg with no payload and {@code descriptor} as SCM_RIGHTS, as journald expects. */
    private void sendDescriptor(LibC c, int descriptor) throws IOException {
        int word = Native.SIZE_T_SIZE;
        int headerSize = align(word + 8, word); // struct cmsghdr: size_t len; int level; int type
        int controlLength = headerSize + 4; // CMSG_LEN(sizeof(int))
        int controlSpace = align(controlLength, word); // CMSG_SPACE(sizeof(int))
        Memory control = new Memory(controlSpace);
        control.clear();
        putSize(control, 0, controlLength);
        control.setInt(word, SOL_SOCKET);
        control.setInt(word + 4, SCM_RIGHTS);
        control.setInt(headerSize, descriptor);

        // struct msghdr: name, namelen (int, padded), iov, iovlen, control, controllen, flags
        int pointer = Native.POINTER_SIZE;
        int nameLengthOffset = pointer;
        int iovOffset = align(nameLengthOffset + 4, pointer);
        int iovLengthOffset = iovOffset + pointer;
        int controlOffset = iovLengthOffset + word;
        int controlLengthOffset = controlOffset + pointer;
        int flagsOffset = controlLengthOffset + word;
        Memory message = new Memory(align(flagsOffset + 4, pointer));
        message.clear();
        message.setPointer(0, address);
        message.setInt(nameLengthOffset, addressLength);
        message.setPointer(controlOffset, control);
        putSize(message, controlLengthOffset, controlSpace);
        while (c.sendmsg(fd, message, MSG_NOSIGNAL).longValue() < 0) {
            int errno = Native.getLastError();
            if (errno == EAGAIN) {
                throw new IOException("journald at " + path + " did not take an entry within the send timeout");
            }
            if (errno != EINTR) {
                throw failure("sending a memfd to " + path, errno);
            }
        }
    }

    private static void putSize(Memory memory, long offset, long value) {
        if (Native.SIZE_T_SIZE == 8) {
            memory.setLong(offset, value);
        } else {
            memory.setInt(offset, (int) value);
        }
    }

    private static int align(int n, int to) {
        return (n + to - 1) & -to;
    }

    private static IOException failure(String what) {
        return failure(what, Native.getLastError());
    }

    private static IOException failure(String what, int errno) {
        String description;
        try {
            description = libc().strerror(errno);
        } catch (RuntimeException | LinkageError e) {
            description = "errno " + errno;
        }
        return new IOException(what + " failed: " + description + " (errno " + errno + ")");
    }

    /** Closes the socket after sends in flight; later sends fail. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (fd >= 0) {
                libc().close(fd);
                fd = -1;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "JournalSocket[" + path + "]";
    }
}
