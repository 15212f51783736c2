/** Turning messages into the Eliot JSON-lines wire format. */
package io.eliot.core.serialization;
