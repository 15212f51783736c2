/** Implementation details of eliot-journald; not API, may change in any release. */
package io.eliot.journald.internal;
