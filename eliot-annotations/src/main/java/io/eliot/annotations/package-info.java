/**
 * Annotations that log methods as Eliot actions and messages: {@link
 * io.eliot.annotations.LoggedAction}, {@link io.eliot.annotations.LogMessage}, and the parameter
 * annotations {@link io.eliot.annotations.FieldName} and {@link io.eliot.annotations.NotLogged}.
 * They do nothing by themselves: the aspects in {@code eliot-aspects} weave them.
 */
package io.eliot.annotations;
