package io.boreal.cli.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The {@code ./boreal sql} read-execute-print loop over one JDBC connection.
 *
 * <p>Two modes, chosen by the constructor:
 * <ul>
 *   <li><b>interactive</b> (a {@link Terminal}): JLine line editing, history in
 *       {@code ~/.boreal_history}, prompts {@code boreal> } and {@code      -> } while a
 *       statement is unfinished; Ctrl-C clears the typed statement or cancels the running one.
 *       {@link #run()} returns 0.</li>
 *   <li><b>batch</b> (streams): statements are read from the input with no prompt; results go
 *       to {@code out}, errors to {@code err}. {@link #run()} returns 1 if any statement failed.</li>
 * </ul>
 *
 * <p>Either way a failed statement prints {@code ERROR <SQLState>: <message>} and the loop
 * goes on with the same connection. Drivers are found by {@link DriverManager}, so any
 * driver on the classpath works ({@code jdbc:boreal:…}, {@code jdbc:h2:…}). A shell is used
 * once, by one thread.
 */
public final class SqlShell {

    static final String PROMPT = "boreal> ";
    static final String CONTINUATION_PROMPT = "     -> ";

    private final String url;
    private final Properties props;
    private final Terminal terminal;
    private final InputStream in;
    private final PrintWriter out;
    private final PrintWriter err;
    private final StatementSplitter splitter = new StatementSplitter();
    private Path historyFile = Path.of(System.getProperty("user.home"), ".boreal_history");
    private int failures;

    /** An interactive shell on {@code terminal}; the caller owns and closes the terminal. */
    public SqlShell(String url, Properties props, Terminal terminal) {
        this.url = Objects.requireNonNull(url, "url");
        this.props = Objects.requireNonNull(props, "props");
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.in = null;
        this.out = terminal.writer();
        this.err = terminal.writer();
    }

    /** A batch shell reading UTF-8 statements from {@code in}; no stream is closed. */
    public SqlShell(String url, Properties props, InputStream in, PrintStream out, PrintStream err) {
        this.url = Objects.requireNonNull(url, "url");
        this.props = Objects.requireNonNull(props, "props");
        this.terminal = null;
        this.in = Objects.requireNonNull(in, "in");
        this.out = new PrintWriter(out, true);
        this.err = new PrintWriter(err, true);
    }

    /** Keeps interactive history in {@code file} instead of {@code ~/.boreal_history}. */
    public SqlShell historyFile(Path file) {
        this.historyFile = Objects.requireNonNull(file, "file");
        return this;
    }

    /**
     * Connects, runs statements until end of input or a quit command, and disconnects.
     *
     * @return 0 on success; 1 if the connection failed or, in batch mode, any statement failed
     */
    public int run() {
        Connection connection;
        try {
            connection = DriverManager.getConnection(url, props);
        } catch (SQLException e) {
            err.println("ERROR " + Optional.ofNullable(e.getSQLState()).orElse("08001") + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        try {
            StatementRunner runner = new StatementRunner(connection, out, err);
            if (terminal != null) {
                interactive(connection, runner);
                return 0;
            }
            batch(runner);
            return failures == 0 ? 0 : 1;
        } finally {
            close(connection);
        }
    }

    private void interactive(Connection connection, StatementRunner runner) {
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("boreal")
                .variable(LineReader.HISTORY_FILE, historyFile)
                // '!' and '\' are SQL text, not history events or escapes.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
        // Outside readLine (which installs its own), Ctrl-C cancels the running statement.
        terminal.handle(Terminal.Signal.INT, signal -> runner.cancel());
        out.println(banner(connection));
        out.flush();
        try {
            while (true) {
                String line;
                try {
                    line = reader.readLine(splitter.isPending() ? CONTINUATION_PROMPT : PROMPT);
                } catch (UserInterruptException e) {
                    splitter.clear();
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                if (!onLine(line, runner)) {
                    break;
                }
            }
        } finally {
            saveHistory(reader);
        }
    }

    private void batch(StatementRunner runner) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!onLine(line, runner)) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A script's last statement may omit its ';'.
        splitter.flush().ifPresent(sql -> execute(sql, runner));
    }

    /** Handles one input line; returns false when the user asked to quit. */
    private boolean onLine(String line, StatementRunner runner) {
        if (!splitter.isPending()) {
            Optional<MetaCommand> command = MetaCommand.parse(line);
            if (command.isPresent()) {
                return onCommand(command.get(), runner);
            }
        }
        for (String sql : splitter.accept(line)) {
            execute(sql, runner);
        }
        return true;
    }

    private boolean onCommand(MetaCommand command, StatementRunner runner) {
        switch (command) {
            case QUIT -> {
                return false;
            }
            case HELP -> out.print(MetaCommand.HELP_TEXT);
            case TIMING -> out.println("Timing is " + (runner.toggleTiming() ? "on." : "off."));
        }
        out.flush();
        return true;
    }

    private void execute(String sql, StatementRunner runner) {
        if (!runner.execute(sql)) {
            failures++;
        }
    }

    private String banner(Connection connection) {
        try {
            DatabaseMetaData meta = connection.getMetaData();
            return "Connected to " + meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion()
                    + " at " + url + ". Type \\help for help, \\q to quit.";
        } catch (SQLException | RuntimeException e) {
            return "Connected to " + url + ". Type \\help for help, \\q to quit.";
        }
    }

    private void saveHistory(LineReader reader) {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            err.println("warning: could not save history to " + historyFile + ": " + e.getMessage());
            err.flush();
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Leaving anyway; nothing the user can do about it.
        }
    }
}
