package io.eliot.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The field name under which a parameter is logged, instead of the parameter's name:
 * {@code void ship(@FieldName("order_id") long id)}. {@link LoggedAction#args()} still selects
 * parameters by their Java name.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface FieldName {
    /** The field name. */
    String value();
}
