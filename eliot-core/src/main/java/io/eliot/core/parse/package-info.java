/**
 * Reading Eliot logs back: JSON lines, in any order and from any number of processes, become
 * tasks, each a tree of {@link io.eliot.core.parse.ParsedAction actions} and {@link
 * io.eliot.core.parse.ParsedMessage messages}. The entry point is {@link
 * io.eliot.core.parse.LogParser}.
 */
package io.eliot.core.parse;
