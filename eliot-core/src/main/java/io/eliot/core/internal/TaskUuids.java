package io.eliot.core.internal;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Random (version 4) task UUIDs without a global lock: each thread draws from its own generator,
 * seeded once from {@link SecureRandom}. The generator (L128X256MixRandom, 384 bits of state) makes
 * a repeat across threads and processes as unlikely as with {@link UUID#randomUUID()}.
 */
public final class TaskUuids {

    private static final SecureRandom SEEDS = new SecureRandom();
    private static final RandomGeneratorFactory<RandomGenerator> FACTORY = lxmFactory();
    private static final ThreadLocal<RandomGenerator> GENERATOR = ThreadLocal.withInitial(TaskUuids::newGenerator);

    private TaskUuids() {}

    /** A new lower-case UUID4 string. */
    public static String next() {
        RandomGenerator random = GENERATOR.get();
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    private static RandomGenerator newGenerator() {
        byte[] seed = new byte[48];
        synchronized (SEEDS) {
            SEEDS.nextBytes(seed);
        }
        if (FACTORY != null) {
            return FACTORY.create(seed);
        }
        long s = 0;
        for (int i = 0; i < 8; i++) {
            s = (s << 8) | (seed[i] & 0xFF);
        }
        return new SplittableRandom(s);
    }

    private static RandomGeneratorFactory<RandomGenerator> lxmFactory() {
        try {
            return RandomGeneratorFactory.of("L128X256MixRandom");
        } catch (IllegalArgumentException absent) {
            // A runtime image without the jdk.random module (JDK 17 to 22): fall back to SplittableRandom.
            return null;
        }
    }
}
