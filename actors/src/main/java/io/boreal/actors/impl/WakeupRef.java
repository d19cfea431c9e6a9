package io.boreal.actors.impl;

import java.util.function.Consumer;
import java.util.function.Function;

import akka.actor.ActorPath;
import akka.actor.ActorRefProvider;
import akka.actor.typed.ActorRef;
import akka.actor.typed.internal.InternalRecipientRef;

/**
 * A reply address that is not an actor: {@code tell} hands the message, adapted, straight to a
 * consumer on the sender's thread. A session whose thread blocks for a reply gives this as its
 * {@code replyTo}, so the partition that answers wakes the waiting thread itself, as a lock
 * release signals a waiting thread's condition, with no hop through a mailbox and a dispatcher.
 *
 * <p>Local only: it has a path for logs but cannot be serialized to another node or watched.
 * The consumer must be thread-safe and must not block.
 */
final class WakeupRef<T, C> implements ActorRef<T>, InternalRecipientRef<T> {

    private final ActorPath path;
    private final ActorRefProvider provider;
    private final Function<T, C> adapt;
    private final Consumer<C> wakeup;

    WakeupRef(ActorPath path, ActorRefProvider provider, Function<T, C> adapt, Consumer<C> wakeup) {
        this.path = path;
        this.provider = provider;
        this.adapt = adapt;
        this.wakeup = wakeup;
    }

    @Override
    public void tell(T message) {
        wakeup.accept(adapt.apply(message));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <U extends T> ActorRef<U> narrow() {
        return (ActorRef<U>) this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <U> ActorRef<U> unsafeUpcast() {
        return (ActorRef<U>) this;
    }

    @Override
    public ActorPath path() {
        return path;
    }

    @Override
    public ActorRefProvider provider() {
        return provider;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public int compareTo(ActorRef<?> other) {
        return path.compareTo(other.path());
    }

    @Override
    public String toString() {
        return "WakeupRef(" + path + ")";
    }
}
