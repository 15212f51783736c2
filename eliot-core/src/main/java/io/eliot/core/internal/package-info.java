/** Implementation details of eliot-core; not API, may change in any release. */
package io.eliot.core.internal;
