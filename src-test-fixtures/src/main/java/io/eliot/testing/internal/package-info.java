/** Implementation details of the test fixtures; not API, may change in any release. */
package io.eliot.testing.internal;
