/**
 * What a logged message is, as destinations, the encoder and the parser see it: {@link
 * io.eliot.core.record.MessageRecord} with its {@link io.eliot.core.record.TaskLevel} and {@link
 * io.eliot.core.record.ActionStatus}, and the {@link io.eliot.core.record.MessageSchema} a typed
 * message or action is checked against.
 */
package io.eliot.core.record;
