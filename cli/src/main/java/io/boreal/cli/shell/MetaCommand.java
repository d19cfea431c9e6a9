package io.boreal.cli.shell;

import java.util.Locale;
import java.util.Optional;

/** The shell's own commands, recognised only on a line that starts a new statement. */
enum MetaCommand {
    QUIT, HELP, TIMING;

    static final String HELP_TEXT = """
            Statements end with ';' and may span lines; several may share a line.
              \\help     this text (also \\h, \\?)
              \\timing   toggle printing each statement's elapsed time (on at start)
              \\q        quit (also exit, quit, Ctrl-D)
            Ctrl-C clears the statement being typed, or cancels the one running.
            """;

    /** Returns the command {@code line} spells, if any; a trailing {@code ;} is allowed. */
    static Optional<MetaCommand> parse(String line) {
        String word = line.strip();
        if (word.endsWith(";")) {
            word = word.substring(0, word.length() - 1).strip();
        }
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "\\q", "exit", "quit" -> Optional.of(QUIT);
            case "\\help", "\\h", "\\?" -> Optional.of(HELP);
            case "\\timing" -> Optional.of(TIMING);
            default -> Optional.empty();
        };
    }
}
