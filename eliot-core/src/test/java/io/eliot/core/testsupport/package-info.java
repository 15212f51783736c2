/**
 * Test support shared with other modules' tests through eliot-core's test-jar: finding Python
 * Eliot for the tests that compare with the reference implementation.
 */
package io.eliot.core.testsupport;
