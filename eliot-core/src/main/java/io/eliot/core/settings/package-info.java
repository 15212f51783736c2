/**
 * Process-wide settings of what messages may hold, each set in one way: {@link
 * io.eliot.core.settings.FieldLimits#setDefaults} and {@link
 * io.eliot.core.settings.FieldRedaction#setCurrent}.
 */
package io.eliot.core.settings;
