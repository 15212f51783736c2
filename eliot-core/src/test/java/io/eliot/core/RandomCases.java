package io.eliot.core;

import java.util.SplittableRandom;

/**
 * Seeded random inputs for property tests. The seed comes from {@code -Deliot.seed=...} or the
 * clock; every assertion message carries it so a failing case can be replayed.
 */
final class RandomCases {

    final long seed = Long.getLong("eliot.seed", System.nanoTime());
    final SplittableRandom random = new SplittableRandom(seed);

    /** "seed N, case I: " for assertion messages. */
    String label(int i) {
        return "seed " + seed + " (replay with -Deliot.seed=" + seed + "), case " + i;
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
        sb.append(java.util.UUID.randomUUID());
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
