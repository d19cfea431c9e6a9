package io.boreal.actors.impl.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.boreal.actors.ColumnInfo;
import io.boreal.actors.impl.sql.Expr;
import io.boreal.actors.impl.sql.ExprCompiler;
import io.boreal.actors.impl.sql.RowScope;
import io.boreal.actors.impl.sql.Scope;
import io.boreal.sharding.Catalog;
import io.boreal.storage.EngineException;
import io.boreal.storage.schema.ColumnType;
import io.boreal.storage.schema.TableDef;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.parser.TokenMgrException;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.SetStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * SQL text to {@link Plan}: parses with JSqlParser, resolves names against the catalog, compiles
 * expressions and picks access paths. Stateless; plans are cached by the caller.
 */
public final class Planner {

    /** Where a parser or token-manager error says it stopped. */
    private static final Pattern ERROR_POSITION = Pattern.compile("at line (\\d+), column (\\d+)");

    private final int defaultPartitions;

    public Planner(int defaultPartitions) {
        this.defaultPartitions = defaultPartitions;
    }

    /**
     * The plan of one statement, or an {@link EngineException} with its SQLState. Parsing
     * recurses over nested syntax the compiler's depth limit never sees (JSqlParser's own
     * descent through parentheses, subqueries): a stack overflow there is the same 54001, on
     * a planning call that has touched nothing shared, so the thread carries on.
     */
    public Plan plan(String sql, Catalog.Snapshot catalog) {
        try {
            return planStatement(sql, catalog);
        } catch (StackOverflowError tooDeep) {
            throw ExprCompiler.tooComplex();
        }
    }

    private Plan planStatement(String sql, Catalog.Snapshot catalog) {
        String trimmed = stripTerminator(sql);
        ControlPlan control = control(trimmed);
        if (control != null) {
            return control;
        }
        VariablePlan variable = VariableSyntax.plan(trimmed);
        if (variable != null) {
            return variable;
        }
        PartitionsPlan partitions = PartitionsPlan.parse(trimmed);
        if (partitions != null) {
            return partitions;
        }
        PartitionClause partition = PartitionClause.split(trimmed);
        Statement statement = parse(partition.statement());
        long version = catalog.version();
        int parameters = countParameters(trimmed);
        if (statement instanceof PlainSelect select) {
            return select(select, catalog, parameters, version);
        }
        if (statement instanceof Insert insert) {
            return insert(insert, catalog, parameters, version);
        }
        if (statement instanceof Update update) {
            return update(update, catalog, parameters, version);
        }
        if (statement instanceof Delete delete) {
            TableDef table = table(delete.getTable(), catalog);
            Expr where = compileWhere(delete.getWhere(), new RowScope(table));
            return new DeletePlan(table, AccessPlanner.plan(table, where), where, parameters, version);
        }
        if (statement instanceof CreateTable create) {
            return new DdlPlan.CreateTable(new TableDefinitions(defaultPartitions).of(create, partition.clause()), create.isIfNotExists(), version);
        }
        if (statement instanceof CreateIndex create) {
            return TableDefinitions.index(create, table(create.getTable(), catalog), version);
        }
        if (statement instanceof Drop drop && drop.getType().equalsIgnoreCase("TABLE")) {
            return new DdlPlan.DropTable(name(drop.getName().getName()), drop.isIfExists(), version);
        }
        if (statement instanceof SetStatement set) {
            return set(set);
        }
        throw EngineException.notSupported("statement not supported: " + firstWords(trimmed));
    }

    /**
     * Parses on the calling thread, in JSqlParser's simple mode only. Its
     * {@code CCJSqlParserUtil.parse} starts a thread per call (to time the parse out): thousands
     * of sessions planning at once, after DDL emptied the plan cache, meant thousands of threads.
     * It also retries what simple mode refuses in complex mode, whose lookahead is exponential
     * in the nesting of parentheses: {@code SELECT ((((((((; SELECT 1} took 265 s of a
     * dispatcher thread. Simple mode parses the whole dialect (nesting included; the tests and
     * the fuzz corpus run on it), so a statement it refuses is a syntax error, found in time
     * linear in the text by a {@link StatementParser}.
     */
    private static Statement parse(String sql) {
        StatementParser.Nesting nesting = StatementParser.nesting(sql);
        if (nesting.unbalancedAt() >= 0) {
            throw EngineException.syntax("syntax error at position " + (nesting.unbalancedAt() + 1)
                    + ": unbalanced parenthesis '" + sql.charAt(nesting.unbalancedAt()) + "'");
        }
        if (nesting.depth() > ExprCompiler.MAX_DEPTH) {
            throw ExprCompiler.tooComplex();
        }
        try {
            return wholeStatement(new StatementParser(sql).withAllowComplexParsing(false));
        } catch (ParseException | TokenMgrException e) {
            String detail = String.valueOf(e.getMessage());
            String first = detail.lines().findFirst().orElse(detail).trim();
            Matcher at = ERROR_POSITION.matcher(detail);
            String position = at.find() ? " at line " + at.group(1) + ", column " + at.group(2) : "";
            throw EngineException.syntax("syntax error" + position + ": " + first);
        }
    }

    /**
     * One statement and nothing after it. JSqlParser's {@code Statement()} stops after a
     * {@code ;} and leaves the rest unread: {@code SELECT 1; DROP TABLE t} would run the SELECT
     * and drop the DROP without a word. A statement text holds one statement (as MySQL's
     * Connector/J without allowMultiQueries).
     */
    private static Statement wholeStatement(CCJSqlParser parser) throws ParseException {
        Statement statement;
        try {
            statement = parser.Statement();
        } catch (NumberFormatException e) { // the parser reads sizes such as VARCHAR(n) with Integer.valueOf
            Token at = parser.token;
            throw new ParseException("number out of range (" + e.getMessage() + ") at line " + at.beginLine
                    + ", column " + at.beginColumn + ".");
        }
        Token next = parser.getNextToken();
        if (next.kind != CCJSqlParserConstants.EOF) {
            throw EngineException.syntax("syntax error at line " + next.beginLine + ", column " + next.beginColumn
                    + ": one statement at a time, found more after ';': " + next.image);
        }
        return statement;
    }

    private static ControlPlan control(String sql) {
        String s = sql.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        return switch (s) {
            case "BEGIN", "BEGIN WORK", "START TRANSACTION" -> ControlPlan.of(ControlPlan.Kind.BEGIN);
            case "COMMIT", "COMMIT WORK" -> ControlPlan.of(ControlPlan.Kind.COMMIT);
            case "ROLLBACK", "ROLLBACK WORK" -> ControlPlan.of(ControlPlan.Kind.ROLLBACK);
            default -> null;
        };
    }

    private static Plan set(SetStatement set) {
        String name = set.getName().toString().toLowerCase(Locale.ROOT);
        String value = ExprCompiler.unquote(set.getExpressions().get(0).toString()).toLowerCase(Locale.ROOT);
        if (name.equals("autocommit") || name.equals("@@autocommit")) {
            return new ControlPlan(ControlPlan.Kind.SET_AUTOCOMMIT, name, value, 0);
        }
        if (name.equals("names") || name.startsWith("transaction") || name.equals("character_set_results")) {
            return new ControlPlan(ControlPlan.Kind.SET_IGNORED, name, value, 0);
        }
        String unscoped = name.replaceFirst("^@@(session\\.)?", "");
        if (unscoped.startsWith("boreal.")) {
            throw new EngineException("HY000", "'" + unscoped + "' is a global variable: SET GLOBAL " + unscoped + " = value");
        }
        throw EngineException.notSupported("unknown setting '" + name + "'");
    }

    private SelectPlan select(PlainSelect select, Catalog.Snapshot catalog, int parameters, long version) {
        if (select.getJoins() != null && !select.getJoins().isEmpty()) {
            throw EngineException.notSupported("joins are not supported yet");
        }
        if (select.getFromItem() != null && !(select.getFromItem() instanceof Table)) {
            throw EngineException.notSupported("subqueries are not supported yet");
        }
        TableDef table = select.getFromItem() == null ? null : table((Table) select.getFromItem(), catalog);
        RowScope rows = new RowScope(table);
        Expr where = compileWhere(select.getWhere(), rows);
        List<Expr> groupBy = new ArrayList<>();
        if (select.getGroupBy() != null) {
            for (Object e : select.getGroupBy().getGroupByExpressionList()) {
                groupBy.add(new ExprCompiler(rows).compile((Expression) e));
            }
        }
        List<AggregateCall> aggregates = new ArrayList<>();
        boolean grouped = !groupBy.isEmpty() || hasAggregate(select.getSelectItems());
        Scope scope = grouped ? new AggregateScope(rows, groupBy, aggregates) : rows;
        Projection projection = Projection.of(select.getSelectItems(), table, rows, scope);
        List<Expr> orderBy = new ArrayList<>();
        List<Boolean> descending = new ArrayList<>();
        if (select.getOrderByElements() != null) {
            for (OrderByElement element : select.getOrderByElements()) {
                orderBy.add(projection.orderKey(element.getExpression(), new ExprCompiler(scope)));
                descending.add(!element.isAsc());
            }
        }
        if (select.getDistinct() != null && select.getDistinct().getOnSelectItems() != null) {
            throw EngineException.notSupported("DISTINCT ON is not supported");
        }
        Expr limit = null;
        Expr offset = null;
        if (select.getLimit() != null) {
            ExprCompiler constants = new ExprCompiler(new RowScope(null));
            limit = select.getLimit().getRowCount() == null ? null : constants.compile(select.getLimit().getRowCount());
            offset = select.getLimit().getOffset() == null ? null : constants.compile(select.getLimit().getOffset());
        }
        if (select.getOffset() != null) {
            offset = new ExprCompiler(new RowScope(null)).compile(select.getOffset().getOffset());
        }
        AccessPath access = table == null ? null : AccessPlanner.plan(table, where);
        return new SelectPlan(table, access, where, groupBy, aggregates, projection.exprs(), projection.columns(),
                select.getDistinct() != null, orderBy, descending, limit, offset, select.getForMode() != null,
                parameters, version);
    }

    /** Whether any SELECT item calls an aggregate: compiled once in a scope that only notices them. */
    private static boolean hasAggregate(List<SelectItem<?>> items) {
        boolean[] seen = {false};
        Scope probe = new Scope() {
            @Override
            public Expr column(String table, String name) {
                return new Expr.Const(null, null);
            }

            @Override
            public Expr aggregate(net.sf.jsqlparser.expression.Function call, ExprCompiler compiler) {
                seen[0] = true;
                return new Expr.Const(null, null);
            }
        };
        for (SelectItem<?> item : items) {
            if (!isStar(item)) {
                new ExprCompiler(probe).compile(item.getExpression());
            }
        }
        return seen[0];
    }

    private InsertPlan insert(Insert insert, Catalog.Snapshot catalog, int parameters, long version) {
        TableDef table = table(insert.getTable(), catalog);
        List<Integer> columns = new ArrayList<>();
        if (insert.getColumns() == null || insert.getColumns().isEmpty()) {
            for (int i = 0; i < table.columns().size(); i++) {
                columns.add(i);
            }
        } else {
            for (Column c : insert.getColumns()) {
                int index = table.columnIndex(name(c.getColumnName()));
                if (index < 0) {
                    throw EngineException.unknownColumn(name(c.getColumnName()));
                }
                columns.add(index);
            }
        }
        Values values = insert.getValues();
        if (values == null) {
            throw EngineException.notSupported("INSERT … SELECT is not supported yet");
        }
        ExprCompiler constants = new ExprCompiler(new RowScope(null));
        List<Expression> items = new ArrayList<>(values.getExpressions());
        boolean multiRow = !items.isEmpty() && items.stream().allMatch(e -> e instanceof ExpressionList<?>);
        List<List<Expression>> rawTuples = new ArrayList<>();
        if (multiRow && !(items.size() == columns.size() && columns.size() > 1
                && items.stream().allMatch(e -> ((ExpressionList<?>) e).size() == 1))) {
            for (Expression tuple : items) {
                rawTuples.add(new ArrayList<>((ExpressionList<?>) tuple));
            }
        } else {
            rawTuples.add(items); // VALUES (a, b): one tuple, given as a flat list
        }
        List<List<Expr>> tuples = new ArrayList<>();
        for (List<Expression> raw : rawTuples) {
            if (raw.size() != columns.size()) {
                throw new EngineException("21S01", "INSERT names " + columns.size() + " columns but gives "
                        + raw.size() + " values");
            }
            List<Expr> row = new ArrayList<>();
            for (Expression e : raw) {
                row.add(constants.compile(e));
            }
            tuples.add(row);
        }
        return new InsertPlan(table, columns, tuples, parameters, version);
    }

    private UpdatePlan update(Update update, Catalog.Snapshot catalog, int parameters, long version) {
        TableDef table = table(update.getTable(), catalog);
        RowScope rows = new RowScope(table);
        ExprCompiler compiler = new ExprCompiler(rows);
        List<Integer> setColumns = new ArrayList<>();
        List<Expr> setValues = new ArrayList<>();
        for (UpdateSet set : update.getUpdateSets()) {
            for (int i = 0; i < set.getColumns().size(); i++) {
                int index = table.columnIndex(name(set.getColumns().get(i).getColumnName()));
                if (index < 0) {
                    throw EngineException.unknownColumn(name(set.getColumns().get(i).getColumnName()));
                }
                setColumns.add(index);
                setValues.add(compiler.compile(set.getValues().get(i)));
            }
        }
        Expr where = compileWhere(update.getWhere(), rows);
        return new UpdatePlan(table, AccessPlanner.plan(table, where), where, setColumns, setValues, parameters, version);
    }

    private static Expr compileWhere(Expression where, Scope scope) {
        return where == null ? null : new ExprCompiler(scope).compile(where);
    }

    static TableDef table(Table t, Catalog.Snapshot catalog) {
        if (t == null || t.getName() == null) { // the parser lets DELETE FROM WHERE … through
            throw EngineException.syntax("syntax error: a table name is missing");
        }
        String name = name(t.getName());
        TableDef table = catalog.table(name);
        if (table == null) {
            throw EngineException.unknownTable(name);
        }
        return table;
    }

    static String name(String identifier) {
        return ExprCompiler.unquote(identifier).toLowerCase(Locale.ROOT);
    }

    private static String stripTerminator(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        if (s.isEmpty()) {
            throw EngineException.syntax("syntax error: empty statement");
        }
        return s;
    }

    /** Counts the ? markers outside quotes and comments. */
    static int countParameters(String sql) {
        int[] count = {0};
        SqlText.walkCode(sql, (i, c) -> {
            if (c == '?') {
                count[0]++;
            }
            return true;
        });
        return count[0];
    }

    private static String firstWords(String sql) {
        String[] words = sql.split("\\s+", 3);
        return words.length >= 2 ? words[0] + " " + words[1] : words[0];
    }

    /** Used by the SELECT list: {@code *}. */
    static boolean isStar(SelectItem<?> item) {
        return item.getExpression() instanceof AllColumns;
    }

    static ColumnInfo info(String name, String label, TableDef table, ColumnType type, int length, int scale,
                           boolean nullable) {
        ColumnType t = type == null ? ColumnType.VARCHAR : type;
        return new ColumnInfo(name, label, table == null ? "" : table.name(), t.jdbcType(), t.name(), length, scale,
                nullable, type == null ? Object.class : t.javaClass());
    }
}
