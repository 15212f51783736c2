package io.eliot.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Captures what each test logs in memory and checks it afterwards: switches on {@link
 * EliotExtension} for a test class (its {@code @Nested} classes too) or a single test method.
 *
 * <pre>{@code
 * @CaptureLogging
 * class CheckoutTest {
 *     @Test
 *     void chargesTheCard(CapturedLog log) {
 *         checkout.run(cart);
 *         assertHasAction(log, "shop:charge", true, Map.of("amount", 12.5), Map.of());
 *     }
 * }
 * }</pre>
 *
 * <p>See {@link EliotExtension} for which messages a test gets and what is checked after it.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EliotExtension.class)
public @interface CaptureLogging {}
