/** Where messages go: the {@link io.eliot.core.destination.Destination} SPI and built-in destinations. */
package io.eliot.core.destination;
