package io.eliot.core.record;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The position of a message inside its task's tree: a path of positive integers such as
 * {@code [3, 2, 4]}, the 4th child of the 2nd child of the 3rd child of the task.
 *
 * <p>Immutable. The empty level is the position of a task itself; its first message is at
 * {@code [1]}. The string form used in serialized task ids is {@code "/3/2/4"}.
 */
public final class TaskLevel implements Comparable<TaskLevel> {

    /** The level of a task itself: its start message takes {@code [1]}. */
    public static final TaskLevel ROOT = new TaskLevel(new int[0]);

    private final int[] path;

    private TaskLevel(int[] path) {
        this.path = path;
    }

    /**
     * Returns the level with the given path.
     *
     * @throws IllegalArgumentException if any element is zero or negative
     */
    public static TaskLevel of(int... path) {
        for (int p : path) {
            if (p < 1) {
                throw new IllegalArgumentException("task level elements must be positive: " + Arrays.toString(path));
            }
        }
        return path.length == 0 ? ROOT : new TaskLevel(path.clone());
    }

    /**
     * Returns the level with the given path.
     *
     * @throws IllegalArgumentException if any element is null, zero or negative
     */
    public static TaskLevel of(List<? extends Number> path) {
        int[] p = new int[path.size()];
        for (int i = 0; i < p.length; i++) {
            Number n = path.get(i);
            if (n == null) {
                throw new IllegalArgumentException("task level elements must be positive integers: " + path);
            }
            p[i] = n.intValue();
        }
        return of(p);
    }

    /** The level {@code this + [index]}: the {@code index}-th child slot of this level. */
    public TaskLevel child(int index) {
        if (index < 1) {
            throw new IllegalArgumentException("child index must be positive: " + index);
        }
        int[] p = Arrays.copyOf(path, path.length + 1);
        p[path.length] = index;
        return new TaskLevel(p);
    }

    /** The first child slot, {@code this + [1]}. */
    public TaskLevel child() {
        return child(1);
    }

    /**
     * The next slot at the same depth: {@code [3, 2]} becomes {@code [3, 3]}.
     *
     * @throws IllegalStateException on {@link #ROOT}, which has no siblings
     */
    public TaskLevel nextSibling() {
        if (path.length == 0) {
            throw new IllegalStateException("the root level has no siblings");
        }
        int[] p = path.clone();
        p[p.length - 1]++;
        return new TaskLevel(p);
    }

    /** The enclosing level, or empty for {@link #ROOT}'s children; {@code null} for {@link #ROOT}. */
    public TaskLevel parent() {
        if (path.length == 0) {
            return null;
        }
        return path.length == 1 ? ROOT : new TaskLevel(Arrays.copyOf(path, path.length - 1));
    }

    /** How many elements the path has; 0 for {@link #ROOT}. */
    public int depth() {
        return path.length;
    }

    /** The element at {@code index} (0-based). */
    public int get(int index) {
        return path[index];
    }

    /** The last element; the slot this level takes inside its parent. */
    public int last() {
        if (path.length == 0) {
            throw new IllegalStateException("the root level has no elements");
        }
        return path[path.length - 1];
    }

    /** A copy of the path. */
    public int[] toArray() {
        return path.clone();
    }

    /** The path as an unmodifiable list, the form it takes in a message ({@code "task_level"}). */
    public List<Integer> toList() {
        return IntStream.of(path).boxed().toList();
    }

    /** Whether {@code other} lies strictly below this level. */
    public boolean isAncestorOf(TaskLevel other) {
        return other.path.length > path.length && Arrays.equals(path, 0, path.length, other.path, 0, path.length);
    }

    /** The path form used in serialized task ids: {@code "/3/2/4"}; {@code "/"} for {@link #ROOT}. */
    public String toPath() {
        if (path.length == 0) {
            return "/";
        }
        StringBuilder sb = new StringBuilder(path.length * 3);
        for (int p : path) {
            sb.append('/').append(p);
        }
        return sb.toString();
    }

    /** Orders levels as the messages appear in the tree: depth-first, children in slot order. */
    @Override
    public int compareTo(TaskLevel other) {
        return Arrays.compare(path, other.path);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskLevel other && Arrays.equals(path, other.path);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(path);
    }

    /** The list form, e.g. {@code [3, 2, 4]}. */
    @Override
    public String toString() {
        return Arrays.toString(path);
    }
}
