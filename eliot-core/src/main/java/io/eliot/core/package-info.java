/**
 * Eliot's causal model: {@link io.eliot.core.Eliot} (the entry point), {@link io.eliot.core.Action},
 * {@link io.eliot.core.Message}, {@link io.eliot.core.record.TaskLevel} and {@link
 * io.eliot.core.record.MessageRecord}, the message as destinations receive it.
 */
package io.eliot.core;
