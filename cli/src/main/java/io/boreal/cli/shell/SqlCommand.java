package io.boreal.cli.shell;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./boreal sql [URL]}: the picocli front of {@link SqlShell}.
 *
 * <p>Interactive when stdin and stdout are a terminal and neither {@code -e} nor {@code -f}
 * is given; otherwise statements come from {@code -e}, {@code -f} or stdin, and the exit
 * code is 1 if any failed.
 */
@Command(name = "sql",
        description = "Interactive SQL shell over JDBC (any driver on the classpath).")
public final class SqlCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "URL", defaultValue = "jdbc:boreal:file:boreal-data",
            description = "JDBC URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--user", description = "User name.")
    String user;

    @Option(names = "--password", arity = "0..1", interactive = true,
            description = "Password; prompted for when given without a value.")
    String password;

    @Option(names = {"-e", "--execute"}, paramLabel = "SQL",
            description = "Run these statements and exit, without a prompt.")
    String execute;

    @Option(names = {"-f", "--file"}, paramLabel = "SCRIPT",
            description = "Run the statements in this file and exit, without a prompt.")
    Path file;

    @Override
    public Integer call() throws Exception {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        if (execute != null) {
            InputStream in = new ByteArrayInputStream(execute.getBytes(StandardCharsets.UTF_8));
            return new SqlShell(url, props, in, System.out, System.err).run();
        }
        if (file != null) {
            try (InputStream in = Files.newInputStream(file)) {
                return new SqlShell(url, props, in, System.out, System.err).run();
            }
        }
        if (System.console() == null) {
            return new SqlShell(url, props, System.in, System.out, System.err).run();
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            return new SqlShell(url, props, terminal).run();
        }
    }

    /** Runs the shell on its own, without the launcher. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SqlCommand()).execute(args));
    }
}
