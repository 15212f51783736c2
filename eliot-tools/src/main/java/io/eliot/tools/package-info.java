/**
 * {@code eliot-tree} and {@code eliot-prettyprint} for the JVM: the command-line tools that read
 * Eliot logs, in one runnable jar whose entry point is {@link io.eliot.tools.EliotTools}.
 */
package io.eliot.tools;
