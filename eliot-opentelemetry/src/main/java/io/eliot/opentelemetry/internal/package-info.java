/** Implementation details of eliot-opentelemetry; not API, may change in any release. */
package io.eliot.opentelemetry.internal;
