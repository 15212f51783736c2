/** Implementation details of the Eliot aspects; not API. */
package io.eliot.aspects.internal;
