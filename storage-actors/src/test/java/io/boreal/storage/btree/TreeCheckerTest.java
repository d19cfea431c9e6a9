package io.boreal.storage.btree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.boreal.storage.Key;

/**
 * The checker must catch what it claims to: hand-made pages answer {@link BTree.Describe} with
 * a valid two-level tree, then with one defect each.
 *
 * <pre>
 *   R: level 1 [A | 10 | B]
 *   A: [1 5] high 10 ──► B: [10 20] (last)
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TreeCheckerTest {

    private ActorTestKit testKit;

    @BeforeAll
    void startKit() {
        testKit = ActorTestKit.create();
    }

    @AfterAll
    void stopKit() {
        testKit.shutdownTestKit();
    }

    /** Pages whose Describe answer the test sets. */
    private final class FakeTree {
        final AtomicReference<BTree.PageState> r = new AtomicReference<>();
        final AtomicReference<BTree.PageState> a = new AtomicReference<>();
        final AtomicReference<BTree.PageState> b = new AtomicReference<>();
        final AtomicReference<BTree.PageState> c = new AtomicReference<>();
        final ActorRef<BTree.Command> rRef = testKit.spawn(page(r));
        final ActorRef<BTree.Command> aRef = testKit.spawn(page(a));
        final ActorRef<BTree.Command> bRef = testKit.spawn(page(b));
        final ActorRef<BTree.Command> cRef = testKit.spawn(page(c));

        FakeTree() {
            r.set(inner(rRef, List.of(k(10)), List.of(aRef, bRef)));
            a.set(leaf(aRef, List.of(k(1), k(5)), k(10), bRef));
            b.set(leaf(bRef, List.of(k(10), k(20)), null, null));
            c.set(leaf(cRef, List.of(k(7)), k(10), bRef));
        }

        IndexTree tree() {
            return new IndexTree(new AtomicReference<>(rRef), TreeSettings.fixed(TreeMode.BLINK, 4));
        }
    }

    private static Behavior<BTree.Command> page(AtomicReference<BTree.PageState> state) {
        return Behaviors.receive(BTree.Command.class)
                .onMessage(BTree.Describe.class, describe -> {
                    describe.replyTo().tell(state.get());
                    return Behaviors.same();
                })
                .build();
    }

    private static Key k(long value) {
        return Key.of(value);
    }

    private static BTree.PageState leaf(ActorRef<BTree.Command> self, List<Key> keys, Key high,
                                        ActorRef<BTree.Command> right) {
        return new BTree.PageState(self, 0, keys, List.of(), high, right);
    }

    private static BTree.PageState inner(ActorRef<BTree.Command> self, List<Key> keys,
                                         List<ActorRef<BTree.Command>> children) {
        return new BTree.PageState(self, 1, keys, children, null, null);
    }

    private static BTree.PageState with(BTree.PageState s, List<Key> keys, Key high, ActorRef<BTree.Command> right) {
        return new BTree.PageState(s.page(), s.level(), keys, s.children(), high, right);
    }

    @Test
    void aValidTreeGivesItsKeysInOrder() {
        FakeTree fake = new FakeTree();
        TreeChecker.Shape shape = new TreeChecker(testKit).checkComplete(fake.tree(), "valid");
        assertEquals(List.of(k(1), k(5), k(10), k(20)), shape.leafKeys());
        assertEquals(2, shape.height());
        assertEquals(List.of(1, 2), shape.pagesPerLevel());
    }

    @Test
    void aHalfFinishedSplitIsValidButNotComplete() {
        FakeTree fake = new FakeTree();
        // A split at 5: C holds [5, 10), linked from A, not yet in R.
        fake.a.set(leaf(fake.aRef, List.of(k(1)), k(5), fake.cRef));
        fake.c.set(leaf(fake.cRef, List.of(k(5), k(7)), k(10), fake.bRef));
        TreeChecker checker = new TreeChecker(testKit);
        TreeChecker.Shape shape = checker.check(fake.tree(), "half-finished");
        assertEquals(1, shape.halfFinishedSplits());
        assertEquals(List.of(k(1), k(5), k(7), k(10), k(20)), shape.leafKeys());
        assertThrows(AssertionError.class, () -> checker.checkComplete(fake.tree(), "half-finished"));
    }

    @Test
    void unsortedKeysFail() {
        assertDefect(f -> f.a.set(with(f.a.get(), List.of(k(5), k(1)), k(10), f.bRef)),
                "out of order or repeated");
    }

    @Test
    void aRepeatedKeyFails() {
        assertDefect(f -> f.a.set(with(f.a.get(), List.of(k(5), k(5)), k(10), f.bRef)),
                "out of order or repeated");
    }

    @Test
    void aKeyAtTheHighKeyFails() {
        assertDefect(f -> f.a.set(with(f.a.get(), List.of(k(1), k(10)), k(10), f.bRef)),
                "is not below the high key");
    }

    @Test
    void aKeyBelowItsParentsSeparatorFails() {
        assertDefect(f -> f.b.set(with(f.b.get(), List.of(k(9), k(20)), null, null)), "is below");
    }

    @Test
    void aMissingRightLinkFails() {
        assertDefect(f -> f.a.set(with(f.a.get(), f.a.get().keys(), k(10), null)),
                "the last page of a level has no high key");
    }

    @Test
    void aHighKeyOnTheLastPageFails() {
        assertDefect(f -> f.b.set(with(f.b.get(), f.b.get().keys(), k(30), null)),
                "the last page of a level has no high key");
    }

    @Test
    void highKeysThatDoNotRiseFail() {
        // A ─► C ─► B with C's high key below A's.
        assertDefect(f -> {
            f.a.set(with(f.a.get(), f.a.get().keys(), k(10), f.cRef));
            f.c.set(leaf(f.cRef, List.of(), k(8), f.bRef));
        }, "high keys rise");
    }

    @Test
    void aRightLinkLoopFails() {
        assertDefect(f -> f.b.set(with(f.b.get(), f.b.get().keys(), k(30), f.aRef)), "loop back");
    }

    @Test
    void aChildOffItsLevelsChainFails() {
        assertDefect(f -> f.r.set(inner(f.rRef, List.of(k(10)), List.of(f.aRef, f.cRef))), "is not on the chain");
    }

    @Test
    void aSeparatorOtherThanTheLeftNeighboursHighKeyFails() {
        assertDefect(f -> f.r.set(inner(f.rRef, List.of(k(8)), List.of(f.aRef, f.bRef))), "parent's separator");
    }

    @Test
    void childrenOutOfOrderFail() {
        assertDefect(f -> f.r.set(inner(f.rRef, List.of(k(10)), List.of(f.bRef, f.aRef))), "is not on the chain");
    }

    @Test
    void aLeafAtTheWrongLevelFails() {
        assertDefect(f -> f.b.set(new BTree.PageState(f.bRef, 1, f.b.get().keys(), List.of(), null, null)),
                "on the chain of level 0");
    }

    private void assertDefect(Consumer<FakeTree> defect, String expectedComplaint) {
        FakeTree fake = new FakeTree();
        defect.accept(fake);
        AssertionError failure = assertThrows(AssertionError.class,
                () -> new TreeChecker(testKit).check(fake.tree(), "defect"));
        assertTrue(failure.getMessage().contains(expectedComplaint), "expected a complaint about '"
                + expectedComplaint + "', got: " + failure.getMessage());
    }
}
