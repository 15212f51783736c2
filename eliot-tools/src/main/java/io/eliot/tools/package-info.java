/**
 * {@code eliot-tree}, {@code eliot-prettyprint} and {@code eliot-html} for the JVM: the command-line
 * tools that read Eliot logs, in one runnable jar whose entry point is {@link io.eliot.tools.EliotTools}.
 */
package io.eliot.tools;
