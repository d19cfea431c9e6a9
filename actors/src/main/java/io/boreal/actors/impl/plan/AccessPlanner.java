package io.boreal.actors.impl.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.boreal.actors.impl.sql.Expr;
import io.boreal.storage.schema.IndexDef;
import io.boreal.storage.schema.TableDef;

/**
 * Picks an {@link AccessPath} from the conjuncts of a WHERE clause: the full primary key by =
 * or IN, else the longest =-prefix (plus a range) of the primary key, else of a secondary
 * index, else a scan; and one partition when = fixes every partitioning column.
 */
final class AccessPlanner {

    /** What the conjuncts say about one column. */
    private static final class ColumnFacts {
        Expr equal;
        List<Expr> in;
        Expr lower;
        boolean lowerInclusive;
        Expr upper;
        boolean upperInclusive;

        boolean hasRange() {
            return lower != null || upper != null;
        }
    }

    private AccessPlanner() {
    }

    static AccessPath plan(TableDef table, Expr where) {
        Map<Integer, ColumnFacts> facts = new HashMap<>();
        if (where != null) {
            for (Expr conjunct : conjuncts(where, new ArrayList<>())) {
                learn(conjunct, facts);
            }
        }
        List<Expr> partitionValues = fixed(table.partitioning().columns(), facts);
        List<Expr> pkValues = fixed(table.primaryKey(), facts);
        if (pkValues != null) {
            return points(table, List.of(pkValues));
        }
        if (table.primaryKey().size() == 1) {
            ColumnFacts f = facts.get(table.primaryKey().get(0));
            if (f != null && f.in != null) {
                List<List<Expr>> keys = new ArrayList<>();
                for (Expr e : f.in) {
                    keys.add(List.of(e));
                }
                return points(table, keys);
            }
        }
        AccessPath best = range(table, 0, table.primaryKey(), facts, partitionValues);
        if (best == null || best.prefix().isEmpty()) {
            for (int i = 0; i < table.indexes().size(); i++) {
                IndexDef index = table.indexes().get(i);
                AccessPath candidate = range(table, i + 1, index.columns(), facts, partitionValues);
                if (candidate != null && (best == null || candidate.prefix().size() > best.prefix().size())) {
                    best = candidate;
                }
            }
        }
        if (best != null) {
            return best;
        }
        return new AccessPath(table, null, -1, List.of(), -1, null, false, null, false, partitionValues);
    }

    private static AccessPath points(TableDef table, List<List<Expr>> keys) {
        return new AccessPath(table, keys, 0, List.of(), -1, null, false, null, false, null);
    }

    /** A range over {@code columns}: the =-prefix and a range on the next column, or null if neither. */
    private static AccessPath range(TableDef table, int index, List<Integer> columns,
                                    Map<Integer, ColumnFacts> facts, List<Expr> partitionValues) {
        List<Expr> prefix = new ArrayList<>();
        int next = 0;
        while (next < columns.size() && facts.containsKey(columns.get(next)) && facts.get(columns.get(next)).equal != null) {
            prefix.add(facts.get(columns.get(next)).equal);
            next++;
        }
        ColumnFacts rangeFacts = next < columns.size() ? facts.get(columns.get(next)) : null;
        if (rangeFacts != null && rangeFacts.hasRange()) {
            return new AccessPath(table, null, index, prefix, columns.get(next), rangeFacts.lower,
                    rangeFacts.lowerInclusive, rangeFacts.upper, rangeFacts.upperInclusive, partitionValues);
        }
        if (prefix.isEmpty()) {
            return null;
        }
        return new AccessPath(table, null, index, prefix, -1, null, false, null, false, partitionValues);
    }

    private static List<Expr> fixed(List<Integer> columns, Map<Integer, ColumnFacts> facts) {
        List<Expr> values = new ArrayList<>();
        for (int column : columns) {
            ColumnFacts f = facts.get(column);
            if (f == null || f.equal == null) {
                return null;
            }
            values.add(f.equal);
        }
        return values;
    }

    private static List<Expr> conjuncts(Expr e, List<Expr> out) {
        if (e instanceof Expr.And and) {
            conjuncts(and.left(), out);
            conjuncts(and.right(), out);
        } else {
            out.add(e);
        }
        return out;
    }

    private static void learn(Expr conjunct, Map<Integer, ColumnFacts> facts) {
        if (conjunct instanceof Expr.Compare c) {
            if (c.left() instanceof Expr.Column col && isConstant(c.right())) {
                learn(col.index(), c.op(), c.right(), facts);
            } else if (c.right() instanceof Expr.Column col && isConstant(c.left())) {
                learn(col.index(), flip(c.op()), c.left(), facts);
            }
        } else if (conjunct instanceof Expr.In in && !in.negated() && in.operand() instanceof Expr.Column col
                && in.list().stream().allMatch(AccessPlanner::isConstant)) {
            facts.computeIfAbsent(col.index(), i -> new ColumnFacts()).in = in.list();
        }
    }

    private static void learn(int column, Expr.CmpOp op, Expr value, Map<Integer, ColumnFacts> facts) {
        ColumnFacts f = facts.computeIfAbsent(column, i -> new ColumnFacts());
        switch (op) {
            case EQ -> f.equal = value;
            case GT, GE -> {
                f.lower = value;
                f.lowerInclusive = op == Expr.CmpOp.GE;
            }
            case LT, LE -> {
                f.upper = value;
                f.upperInclusive = op == Expr.CmpOp.LE;
            }
            default -> {
            }
        }
    }

    private static Expr.CmpOp flip(Expr.CmpOp op) {
        return switch (op) {
            case LT -> Expr.CmpOp.GT;
            case LE -> Expr.CmpOp.GE;
            case GT -> Expr.CmpOp.LT;
            case GE -> Expr.CmpOp.LE;
            default -> op;
        };
    }

    /** True for an expression of literals and parameters only. */
    static boolean isConstant(Expr e) {
        if (e instanceof Expr.Const || e instanceof Expr.Param) {
            return true;
        }
        if (e instanceof Expr.Arithmetic a) {
            return isConstant(a.left()) && isConstant(a.right());
        }
        if (e instanceof Expr.Negate n) {
            return isConstant(n.operand());
        }
        return false;
    }
}
