package io.boreal.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableFormatterTest {

    @Test
    void formatsAResultSetLikeTheMysqlClient() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:formatter");
             Statement s = c.createStatement()) {
            s.execute("create table account(id int primary key, owner varchar(20), balance decimal(10,2))");
            s.execute("insert into account values (1, 'alice', 12.50), (20, NULL, 3.00), (300, 'bob', NULL)");
            ResultTable table;
            try (ResultSet rs = s.executeQuery("select id, owner, balance from account order by id")) {
                table = ResultTable.read(rs);
            }
            assertEquals(List.of(
                    "+-----+-------+---------+",
                    "| ID  | OWNER | BALANCE |",
                    "+-----+-------+---------+",
                    "|   1 | alice |   12.50 |",
                    "|  20 | NULL  |    3.00 |",
                    "| 300 | bob   |    NULL |",
                    "+-----+-------+---------+"), TableFormatter.format(table));
        }
    }

    @Test
    void escapesLineBreaksAndMeasuresWideCharacters() {
        ResultTable table = new ResultTable(
                List.of(new ResultTable.Column("name", false)),
                List.of(List.of("a\nb"), List.of("北京"), Arrays.asList((String) null)));
        assertEquals(List.of(
                "+------+",
                "| name |",
                "+------+",
                "| a\\nb |",
                "| 北京 |",
                "| NULL |",
                "+------+"), TableFormatter.format(table));
    }
}
