/**
 * Testing code that logs, the JUnit Jupiter way: {@link io.eliot.testing.CaptureLogging} gives each
 * test a {@link io.eliot.testing.CapturedLog} of what it logged and checks it afterwards; {@link
 * io.eliot.testing.EliotAssertions} asserts on it; {@link io.eliot.testing.LoggedAction} and {@link
 * io.eliot.testing.LoggedMessage} read it as task trees.
 *
 * <pre>{@code
 * @CaptureLogging
 * class SearchTest {
 *     @Test
 *     void checksEveryServer(CapturedLog log) {
 *         new Search().search(List.of(a, b), "users", "theuser");
 *         assertThat(log).hasAction("search").succeeded().withChild("search:check");
 *     }
 * }
 * }</pre>
 */
package io.eliot.testing;
