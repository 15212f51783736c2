/**
 * Typed messages and actions: {@link io.eliot.core.type.Field}, {@link
 * io.eliot.core.type.MessageType} and {@link io.eliot.core.type.ActionType} document and validate
 * what a message holds, and serialize rich field values.
 */
package io.eliot.core.type;
