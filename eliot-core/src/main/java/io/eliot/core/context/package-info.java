/** Executors that carry the current action's context to the threads that run submitted work. */
package io.eliot.core.context;
