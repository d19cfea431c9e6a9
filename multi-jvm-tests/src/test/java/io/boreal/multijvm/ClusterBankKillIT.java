package io.boreal.multijvm;

import org.junit.jupiter.api.Test;

/**
 * Issue 13's test (2), the bank across a cluster ({@link BankLoad}): three file-mode node JVMs on
 * one shared journal directory, {@value #SESSIONS} remote JDBC sessions spread over the three
 * nodes and a reader on each. Mid-run the second node is killed with SIGKILL; its sessions
 * reconnect to the others, its partitions restart on the survivors from its log, the
 * transactions it left open there are rolled back and those it left prepared follow their
 * records. Then it is started again.
 *
 * <p>Checked: every sum of every snapshot is the total; every transfer acknowledged before, during
 * and after the kill is in {@code transfers}; the balances are exactly the opening ones moved by
 * the transfers there (no half of one); every node reads the same; the survivors served
 * transfers after the kill. Printed: the longest pause of acknowledgements after the kill.
 */
class ClusterBankKillIT extends BankClusterTest {

    private static final int SESSIONS = 64;
    private static final int ACKS_BEFORE_KILL = 200;
    private static final int ACKS_AFTER_KILL = 200;
    private static final int ACKS_AFTER_RESTART = 60;

    @Test
    void theBankHoldsAcrossTheClusterWhenANodeIsKilledAndRestarted() throws Exception {
        startBank(3);
        long loadFromNs = System.nanoTime();
        bank.start(SESSIONS, 3);
        try {
            bank.awaitAcks(ACKS_BEFORE_KILL);
            System.out.printf("cluster bank: %d transfers and %d sums in %.1f s before the kill%n", bank.acks(),
                    bank.sums(), (System.nanoTime() - loadFromNs) / 1e9);
            bank.mark();
            cluster.node(1).kill();
            int atKill = bank.acks();
            bank.awaitAcks(atKill + ACKS_AFTER_KILL);
            System.out.printf("cluster bank: %d transfers acknowledged before the SIGKILL, %d more after; the longest "
                    + "pause of acknowledgements after it: %.1f s%n", atKill, bank.acks() - atKill,
                    bank.longestPauseSinceMark());
            cluster.start(1, "restarted");
            System.out.printf("cluster bank: node 2 restarted at %.1f s%n", (System.nanoTime() - loadFromNs) / 1e9);
            bank.awaitAcks(bank.acks() + ACKS_AFTER_RESTART);
        } finally {
            bank.stop();
            System.out.printf("cluster bank: sessions ended at %.1f s; retried errors %s%n",
                    (System.nanoTime() - loadFromNs) / 1e9, bank.retried());
        }
        int transfers = bank.verify(3);
        System.out.printf("cluster bank: %d transfers in the table, %d acknowledged, %d snapshots summed%n",
                transfers, bank.acks(), bank.sums());
    }
}
