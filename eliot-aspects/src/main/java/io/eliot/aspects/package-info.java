/**
 * The AspectJ aspect that weaves {@code @LoggedAction} and {@code @LogMessage}: {@link
 * io.eliot.aspects.EliotAspect}.
 */
package io.eliot.aspects;
