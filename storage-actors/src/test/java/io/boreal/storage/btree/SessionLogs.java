package io.boreal.storage.btree;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import io.boreal.storage.Key;

/**
 * Judges the logs of concurrent {@link TreeSession}s, each the only writer of its keys: every
 * write's reply must be what a serial execution of that session's writes gives (a TreeMap), and
 * every point read and every key a scan covered must show a version the key could have had while
 * the read was under way ({@link KeyHistories}). What remains is the model of the final content.
 */
final class SessionLogs {

    private static final int MAX_REPORTED = 20;

    private final TreeMap<Long, Object> model = new TreeMap<>();
    private final KeyHistories histories;
    private final List<Long> universe;
    private final List<String> problems = new ArrayList<>();

    /** {@code universe}: every key any session may touch; {@code initial}: the tree before the run. */
    SessionLogs(List<Long> universe, Map<Long, ?> initial) {
        this.universe = List.copyOf(new TreeSet<>(universe));
        this.histories = new KeyHistories(initial);
        initial.forEach(model::put);
    }

    /** Checks the logs; afterwards {@link #model()} is the content the tree must have. */
    SessionLogs judge(List<TreeSession.Log> logs) {
        List<TreeSession.Log> sorted = new ArrayList<>(logs);
        sorted.sort(Comparator.comparingInt(TreeSession.Log::session));
        for (TreeSession.Log log : sorted) {
            log.problems().forEach(problem -> problems.add("session " + log.session() + ": " + problem));
            for (TreeSession.Observation observation : log.observations()) {
                replayWrite(log.session(), observation);
            }
        }
        for (TreeSession.Log log : sorted) {
            for (TreeSession.Observation observation : log.observations()) {
                if (observation.op() instanceof TreeSession.Get get) {
                    judgeRead(log.session(), observation, get.key(), observation.reply());
                } else if (observation.op() instanceof TreeSession.Range range) {
                    judgeScan(log.session(), observation, range);
                }
            }
        }
        return this;
    }

    TreeMap<Long, Object> model() {
        return model;
    }

    List<String> problems() {
        return problems;
    }

    /** The first problems, one a line; empty when there is none. */
    String report() {
        StringBuilder out = new StringBuilder();
        problems.stream().limit(MAX_REPORTED).forEach(problem -> out.append("\n  ").append(problem));
        if (problems.size() > MAX_REPORTED) {
            out.append("\n  ... and ").append(problems.size() - MAX_REPORTED).append(" more");
        }
        return out.toString();
    }

    private void replayWrite(int session, TreeSession.Observation observation) {
        TreeSession.Op op = observation.op();
        Object expected;
        long key;
        if (op instanceof TreeSession.Insert insert) {
            key = insert.key();
            expected = !model.containsKey(key);
            if (model.get(key) == null) {
                model.put(key, insert.value());
            }
        } else if (op instanceof TreeSession.Put put) {
            key = put.key();
            expected = model.put(key, put.value());
        } else if (op instanceof TreeSession.Remove remove) {
            key = remove.key();
            expected = model.remove(key);
        } else {
            return;
        }
        if (!Objects.equals(expected, observation.reply())) {
            problems.add("session " + session + ": " + op + " replied " + observation.reply()
                    + ", a serial execution replies " + expected);
        }
        histories.written(key, observation.sentNs(), observation.answeredNs(), model.get(key));
    }

    private void judgeRead(int session, TreeSession.Observation observation, long key, Object seen) {
        String impossible = histories.impossible(key, seen, observation.sentNs(), observation.answeredNs());
        if (impossible != null) {
            problems.add("session " + session + ": " + observation.op() + ": " + impossible);
        }
    }

    private void judgeScan(int session, TreeSession.Observation observation, TreeSession.Range range) {
        @SuppressWarnings("unchecked")
        List<BTree.ScanChunk> chunks = (List<BTree.ScanChunk>) observation.reply();
        String where = "session " + session + ": " + range;
        TreeMap<Long, Object> seen = new TreeMap<>();
        Long previous = null;
        for (int i = 0; i < chunks.size(); i++) {
            BTree.ScanChunk chunk = chunks.get(i);
            if (chunk.sequence() != i || chunk.done() != (i == chunks.size() - 1)) {
                problems.add(where + ": chunks numbered or ended wrongly: " + chunks);
                return;
            }
            for (Map.Entry<Key, Object> entry : chunk.entries()) {
                long key = (Long) entry.getKey().get(0);
                if (previous != null && key <= previous) {
                    problems.add(where + ": key " + key + " after " + previous + " (out of order or repeated)");
                }
                if ((range.from() != null && key < range.from()) || (range.to() != null && key >= range.to())) {
                    problems.add(where + ": key " + key + " is out of the range");
                }
                seen.put(key, entry.getValue());
                previous = key;
            }
        }
        int count = chunks.stream().mapToInt(chunk -> chunk.entries().size()).sum();
        if (range.limit() >= 0 && count > range.limit()) {
            problems.add(where + ": " + count + " entries, over the limit");
        }
        // A scan cut by its limit covered its range up to its last key; otherwise all of it.
        boolean cut = range.limit() >= 0 && count == range.limit();
        TreeSet<Long> covered = new TreeSet<>(universe);
        covered.addAll(seen.keySet());
        for (long key : covered) {
            boolean inRange = (range.from() == null || key >= range.from())
                    && (cut ? !seen.isEmpty() && key <= seen.lastKey() : range.to() == null || key < range.to());
            if (inRange) {
                judgeRead(session, observation, key, seen.get(key));
            }
        }
    }
}
