package io.eliot.core;

import java.util.SplittableRandom;

/**
 * Random inputs for property tests from one seed ({@link Seeds}); every assertion message carries
 * the seed so a failing case can be replayed.
 */
final class RandomCases {

    final long seed;
    final SplittableRandom random;

    RandomCases(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** "seed N (replay with ...), case I" for assertion messages. */
    String label(int i) {
        return Seeds.label(seed) + ", case " + i;
    }

    /** A random (version 4) UUID drawn from the seed, so a replay logs the same ids. */
    String uuid() {
        return new java.util.UUID(
                        (random.nextLong() & ~0xF000L) | 0x4000L,
                        (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
                .toString();
    }

    /** A string of up to {@code maxLength} chars drawn from all of UTF-16, controls and lone surrogates included. */
    String anyString(int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            char c = switch (kind) {
                case 0 -> (char) random.nextInt(0x20); // control characters, CR and LF among them
                case 1 -> "\"\\/@{}[]:,".charAt(random.nextInt(10));
                case 2 -> (char) (0xD800 + random.nextInt(0x800)); // surrogates, often unpaired
                case 3 -> (char) random.nextInt(0x10000);
                default -> (char) (0x20 + random.nextInt(0x5F)); // printable ASCII
            };
            sb.append(c);
        }
        return sb.toString();
    }

    /** A string made to look like a serialized task id, often broken in one place. */
    String taskIdLike() {
        StringBuilder sb = new StringBuilder();
        sb.append(uuid());
        if (random.nextInt(4) == 0) {
            sb.setCharAt(random.nextInt(sb.length()), (char) random.nextInt(0x80));
        }
        if (random.nextInt(8) != 0) {
            sb.append('@');
        }
        int depth = random.nextInt(80);
        for (int i = 0; i < depth; i++) {
            sb.append(random.nextInt(10) == 0 ? "//" : "/");
            int n = random.nextInt(20) == 0 ? -random.nextInt(5) : random.nextInt(1_000);
            sb.append(random.nextInt(30) == 0 ? "x" : String.valueOf(n));
        }
        if (random.nextInt(10) == 0) {
            sb.append(anyString(5));
        }
        return sb.toString();
    }
}
