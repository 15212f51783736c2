/**
 * The live view: the {@code eliot} Actuator endpoint (recent tasks as JSON, one task's tree, and
 * the viewer page) and the {@link io.eliot.viewer.RecentTasks} store behind it, created only when
 * the endpoint is exposed.
 */
package io.eliot.spring.actuate;
