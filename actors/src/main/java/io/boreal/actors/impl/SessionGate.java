package io.boreal.actors.impl;

/**
 * One session's passage through the node's statement gate ({@link Admission}): it asks for a
 * permit with the statement's priority and its user's weight, holds the permit while the
 * statement runs and gives it back once.
 *
 * <pre>
 *   enter ──permit free──► true: run now
 *     │ queued
 *     ▼
 *   (gate grants, any thread) ──► to the actor as a message, or a wake-up for the blocked thread
 *     ▼
 *   granted() ──► the queued statement, permit held
 * </pre>
 *
 * <p>Invariant: at most one statement is queued or holds the permit; {@link #release} gives the
 * permit back at most once per grant. Used by its session only (the actor, or the session's
 * own thread while the actor keeps off); the grant callback may run on any thread and only
 * routes the grant.
 */
final class SessionGate {

    private final Admission admission;
    private final Runnable onGranted;
    private Admission.Waiter waiter;
    /** Where the grant goes; written before the statement queues, read by the granting thread. */
    private volatile boolean grantsToThread;
    private Runnable queued;
    private boolean holdsPermit;
    /** The permit was given up for a row lock wait and is taken back when the statement resumes. */
    private boolean releasedForLockWait;

    /**
     * @param grantToActor  sends the grant to the session's actor
     * @param grantToThread hands the grant to the thread blocked for the session
     */
    SessionGate(Admission admission, Runnable grantToActor, Runnable grantToThread) {
        this.admission = admission;
        this.onGranted = () -> (grantsToThread ? grantToThread : grantToActor).run();
        this.waiter = new Admission.Waiter(onGranted);
    }

    /** The session's user is known: its statements queue under that user's weight from now on. */
    void authenticated(String user, int weight) {
        waiter = new Admission.Waiter(admission.tenant(user, weight), onGranted);
    }

    /**
     * Asks for a permit. True: it is held, run the statement now. False: the statement is
     * queued and runs from {@link #granted} once the grant comes, to the thread when {@code
     * blockingThread}, else to the actor.
     */
    boolean enter(Admission.Priority priority, boolean blockingThread, Runnable statement) {
        grantsToThread = blockingThread;
        if (admission.tryEnter(waiter, priority)) {
            holdsPermit = true;
            return true;
        }
        queued = statement;
        return false;
    }

    /** Whether the pending grant goes to a blocked thread. */
    boolean grantGoesToThread() {
        return grantsToThread;
    }

    /** The grant came: the queued statement, which now holds the permit (null if none was queued). */
    Runnable granted() {
        Runnable statement = queued;
        queued = null;
        holdsPermit = true;
        if (statement == null) {
            release(); // unreachable: a session closing while queued cancels or keeps the permit
        }
        return statement;
    }

    /** Whether the running statement holds a permit. */
    boolean holdsPermit() {
        return holdsPermit;
    }

    void release() {
        if (holdsPermit) {
            holdsPermit = false;
            admission.exit();
        }
    }

    /**
     * The statement waits for a row lock whose holder may need a permit to finish: the permit
     * goes back until the statement resumes ({@link #afterLockWait}), as InnoDB leaves
     * {@code innodb_thread_concurrency} for a lock wait.
     */
    void releaseForLockWait() {
        if (holdsPermit) {
            release();
            releasedForLockWait = true;
        }
    }

    /** The statement resumes after a lock wait: it takes its permit back at once, over the cap if need be. */
    void afterLockWait() {
        if (releasedForLockWait) {
            releasedForLockWait = false;
            admission.reenter();
            holdsPermit = true;
        }
    }

    /**
     * The session closes. Returns true when a statement was queued (it never ran); the permit,
     * if the gate granted it meanwhile, is given back.
     */
    boolean close() {
        releasedForLockWait = false;
        boolean wasQueued = queued != null;
        if (wasQueued) {
            queued = null;
            holdsPermit = !admission.cancel(waiter); // not queued any more: the permit is ours
        }
        release();
        return wasQueued;
    }
}
