/**
 * Eliot tasks in a browser: the self-contained HTML page ({@code eliot-tools html}), task trees as
 * JSON, and a bounded store of an application's recent tasks for the live view.
 */
package io.eliot.viewer;
