package io.eliot.core.internal;

import java.util.AbstractList;
import java.util.RandomAccess;

/** An immutable list of values captured when they were logged; it holds its array, uncopied. */
public final class CapturedList extends AbstractList<Object> implements RandomAccess {

    private final Object[] elements;

    /** Wraps {@code elements}, which nobody changes afterwards. */
    public CapturedList(Object[] elements) {
        this.elements = elements;
    }

    @Override
    public Object get(int index) {
        return elements[index];
    }

    @Override
    public int size() {
        return elements.length;
    }
}
