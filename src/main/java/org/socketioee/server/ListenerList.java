package org.socketioee.server;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The listeners of one kind that a {@link Socket} keeps, copy-on-write: added and removed rarely (mostly while the
 * socket connects), read on every event, so a reader walks the array it found, never a lock.
 * <p>
 * Why not {@link java.util.concurrent.CopyOnWriteArrayList}: a socket holds one list per event it listens to plus
 * six of its own (any, any outgoing, middlewares, error, disconnecting, disconnect), for every connection, and
 * each {@code CopyOnWriteArrayList} carries a lock object and an empty array of its own: about 32 bytes more per
 * list, about 0.4 KB per idle connection of the bench launch. Here empty lists share one array and writers lock
 * the list itself.
 */
final class ListenerList<T> extends AbstractList<T> implements RandomAccess {
    private static final Object[] EMPTY = {};

    private volatile Object[] items = EMPTY;

    @Override
    @SuppressWarnings("unchecked")
    public T get(int index) {
        return (T) items[index];
    }

    @Override
    public int size() {
        return items.length;
    }

    @Override
    public synchronized boolean add(T listener) {
        Objects.requireNonNull(listener, "listener");
        Object[] a = items;
        Object[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = listener;
        items = b;
        return true;
    }

    /** Removes the first occurrence of {@code listener} (the same instance, or an equal one). */
    @Override
    public synchronized boolean remove(Object listener) {
        Object[] a = items;
        for (int i = 0; i < a.length; i++) {
            if (a[i].equals(listener)) {
                Object[] b = new Object[a.length - 1];
                System.arraycopy(a, 0, b, 0, i);
                System.arraycopy(a, i + 1, b, i, a.length - i - 1);
                items = b.length == 0 ? EMPTY : b;
                return true;
            }
        }
        return false;
    }

    /** Walks the listeners as they were when it started: one added or removed meanwhile is not seen. */
    @Override
    public Iterator<T> iterator() {
        Object[] snapshot = items;
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < snapshot.length;
            }

            @Override
            @SuppressWarnings("unchecked")
            public T next() {
                if (next >= snapshot.length) {
                    throw new NoSuchElementException();
                }
                return (T) snapshot[next++];
            }
        };
    }
}
