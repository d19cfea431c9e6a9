package io.boreal.storage.btree;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The acknowledged history of every key, to judge what a read may have seen. Each key has one
 * writer (its session), so its versions are totally ordered: version 0 is the state before the
 * run, version i the state after the i-th write. A read sent at {@code s} and answered at
 * {@code a} happened at one instant between, so it must see a version from the last write
 * answered before {@code s} up to the last write sent before {@code a}:
 *
 * <pre>
 *   writes   |--w1--|      |--w2--|        |--w3--|
 *   read                 s|--------------|a
 *   allowed: w1 (answered before s) .. w2 (sent before a); never v0 nor w3
 * </pre>
 *
 * Values are unique per write, so a value names its version; null (absent) may name several.
 */
final class KeyHistories {

    private record Version(long sentNs, long answeredNs, Object state) {
    }

    private final Map<Long, List<Version>> versions = new HashMap<>();
    private final Map<Long, Object> initial;

    /** {@code initial}: the tree's content before the run (keys absent from it are absent). */
    KeyHistories(Map<Long, ?> initial) {
        this.initial = new HashMap<>(initial);
    }

    /** Records a write of {@code key}, which left it in {@code state} (null: absent); in the key's write order. */
    void written(long key, long sentNs, long answeredNs, Object state) {
        versions.computeIfAbsent(key, this::start).add(new Version(sentNs, answeredNs, state));
    }

    private List<Version> start(long key) {
        List<Version> list = new ArrayList<>();
        list.add(new Version(Long.MIN_VALUE, Long.MIN_VALUE, initial.get(key)));
        return list;
    }

    /** Null when a read of {@code key} in [sentNs, answeredNs] may have seen {@code observed}, else why not. */
    String impossible(long key, Object observed, long sentNs, long answeredNs) {
        List<Version> history = versions.computeIfAbsent(key, this::start);
        int from = 0;
        int to = 0;
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).answeredNs() < sentNs) {
                from = i;
            }
            if (history.get(i).sentNs() < answeredNs) {
                to = i;
            }
        }
        for (int i = from; i <= to; i++) {
            if (Objects.equals(history.get(i).state(), observed)) {
                return null;
            }
        }
        List<Object> allowed = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            allowed.add(history.get(i).state());
        }
        List<Object> all = new ArrayList<>();
        history.forEach(version -> all.add(version.state()));
        return "key " + key + ": saw " + observed + " but only versions " + from + ".." + to + " " + allowed
                + " were possible; all versions " + all;
    }
}
