/**
 * Eliot actions across Reactor and Micrometer context propagation: {@link
 * io.eliot.core.reactor.EliotThreadLocalAccessor} (registered automatically, for {@code
 * Hooks.enableAutomaticContextPropagation()}) and {@link io.eliot.core.reactor.EliotReactor} (the
 * explicit way). Both libraries are optional dependencies of eliot-core; use these classes only
 * with them present.
 */
package io.eliot.core.reactor;
