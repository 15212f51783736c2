package io.eliot.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test run once per seed of {@link Seeds#all()}, given as its {@code long seed} parameter; a
 * failure names the seed and how to replay it ({@code -Deliot.seed=N}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(Seeds.class)
public @interface SeededTest {}
