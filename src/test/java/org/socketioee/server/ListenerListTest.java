package org.socketioee.server;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The copy-on-write list a socket keeps its listeners in (the socket-level behaviour is in the socket tests). */
class ListenerListTest {
    @Test
    void keepsTheOrderOfAddingAndRemovesOneOccurrence() {
        ListenerList<String> l = new ListenerList<>();
        assertThat(l).isEmpty();
        l.add("a");
        l.add("b");
        l.add("a");
        assertThat(l).containsExactly("a", "b", "a");
        assertThat(l.get(1)).isEqualTo("b");
        assertThat(l.remove("a")).isTrue();
        assertThat(l).containsExactly("b", "a");
        assertThat(l.remove("x")).isFalse();
        assertThat(l.remove("b")).isTrue();
        assertThat(l.remove("a")).isTrue();
        assertThat(l).isEmpty();
        assertThat(l.size()).isZero();
    }

    @Test
    void anIterationSeesTheListAsItWasWhenItStarted() {
        ListenerList<String> l = new ListenerList<>();
        l.add("a");
        l.add("b");
        List<String> seen = new ArrayList<>();
        for (String s : l) {
            seen.add(s);
            l.add(s + "'"); // a listener added by a listener runs from the next event on, as in Node
            l.remove("b");
        }
        assertThat(seen).containsExactly("a", "b");
        assertThat(l).containsExactly("a", "a'", "b'");
        Iterator<String> it = new ListenerList<String>().iterator();
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void refusesANullListenerWhenAdded() {
        assertThatThrownBy(() -> new ListenerList<Runnable>().add(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void concurrentAddsAreAllKept() throws Exception {
        ListenerList<Integer> l = new ListenerList<>();
        int threads = 4;
        int each = 2_000;
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * each;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        l.add(base + i);
                        for (Integer ignored : l) {
                            // readers walk snapshots while writers add
                        }
                    }
                } catch (Throwable e) {
                    failed.set(e);
                }
            });
            ts.add(th);
            th.start();
        }
        start.countDown();
        for (Thread th : ts) {
            th.join();
        }
        assertThat(failed.get()).isNull();
        assertThat(l).hasSize(threads * each).doesNotHaveDuplicates();
    }
}
