/** Extra fields extracted from exceptions for failed actions and tracebacks. */
package io.eliot.core.exception;
