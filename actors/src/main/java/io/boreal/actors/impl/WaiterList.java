package io.boreal.actors.impl;

/**
 * A FIFO of gate waiters threaded through links the waiters own, so that appending, taking the
 * head and taking out a waiter anywhere (a session closing while queued) are O(1) and allocate
 * nothing. A waiter owns two links, one per list it can be on at once: the gate's arrival order
 * and its tenant's lane of one priority class.
 *
 * <p>Invariant: a link is on at most one list, and {@code list} names it (null when on none).
 *
 * <p>Not thread-safe: used only under the lock of the {@link Admission} that owns it.
 */
final class WaiterList {

    /** A waiter's place on one list. */
    static final class Link {
        final Admission.Waiter waiter;
        private Link prev;
        private Link next;
        private WaiterList list;

        Link(Admission.Waiter waiter) {
            this.waiter = waiter;
        }
    }

    private Link head;
    private Link tail;
    private int size;

    void addLast(Link link) {
        if (link.list != null) {
            throw new IllegalStateException("admission: a waiter is queued twice");
        }
        link.list = this;
        link.prev = tail;
        if (tail == null) {
            head = link;
        } else {
            tail.next = link;
        }
        tail = link;
        size++;
    }

    /** Takes {@code link} off this list; returns false when it is not on it. */
    boolean remove(Link link) {
        if (link.list != this) {
            return false;
        }
        if (link.prev == null) {
            head = link.next;
        } else {
            link.prev.next = link.next;
        }
        if (link.next == null) {
            tail = link.prev;
        } else {
            link.next.prev = link.prev;
        }
        link.prev = null;
        link.next = null;
        link.list = null;
        size--;
        return true;
    }

    /** The first waiter, or null when empty. */
    Admission.Waiter first() {
        return head == null ? null : head.waiter;
    }

    boolean isEmpty() {
        return head == null;
    }

    int size() {
        return size;
    }
}
