/**
 * Eliot for logback users: {@link io.eliot.logback.EliotLogbackAppender} makes the SLF4J events logged
 * inside an action messages of the action's tree. Plain logback, no Spring; configure it in {@code
 * logback.xml} or in code.
 */
package io.eliot.logback;
