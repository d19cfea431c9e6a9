package io.boreal.cli.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cuts the lines a user types into SQL statements terminated by {@code ;}.
 *
 * <p>Lines are fed one at a time; a statement may span lines and a line may hold several
 * statements. A {@code ;} ends a statement only outside quotes and comments:
 *
 * <pre>
 *   NORMAL --'--> SINGLE_QUOTE --'--> NORMAL     ('' inside reads as leave + re-enter)
 *   NORMAL --"--> DOUBLE_QUOTE --"--> NORMAL
 *   NORMAL --`--> BACKTICK     --`--> NORMAL
 *   NORMAL --"--"--> LINE_COMMENT --end of line--> NORMAL
 *   NORMAL --/*--> BLOCK_COMMENT --*&#47;--> NORMAL
 * </pre>
 *
 * <p>Statement text is passed to the driver as typed (comments included), without the
 * terminating {@code ;} and trimmed; statements holding only whitespace and comments are
 * dropped. Not thread-safe: one splitter belongs to one reader loop.
 */
public final class StatementSplitter {

    private enum State { NORMAL, SINGLE_QUOTE, DOUBLE_QUOTE, BACKTICK, LINE_COMMENT, BLOCK_COMMENT }

    private final StringBuilder pending = new StringBuilder();
    private State state = State.NORMAL;
    /** Whether {@link #pending} holds anything but whitespace and comments. */
    private boolean hasContent;

    /**
     * Feeds one line (without its line terminator).
     *
     * @return the statements this line completed, in order; empty if none
     */
    public List<String> accept(String line) {
        List<String> completed = new ArrayList<>();
        if (pending.length() > 0) {
            pending.append('\n');
        }
        if (state == State.LINE_COMMENT) {
            state = State.NORMAL;
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            char next = i + 1 < line.length() ? line.charAt(i + 1) : '\0';
            switch (state) {
                case NORMAL -> {
                    if (c == ';') {
                        emit(completed);
                        continue;
                    }
                    if (c == '-' && next == '-') {
                        state = State.LINE_COMMENT;
                    } else if (c == '/' && next == '*') {
                        state = State.BLOCK_COMMENT;
                        pending.append(c).append(next);
                        i++;
                        continue;
                    } else if (c == '\'') {
                        state = State.SINGLE_QUOTE;
                    } else if (c == '"') {
                        state = State.DOUBLE_QUOTE;
                    } else if (c == '`') {
                        state = State.BACKTICK;
                    }
                    if (state != State.LINE_COMMENT && !Character.isWhitespace(c)) {
                        hasContent = true;
                    }
                }
                case SINGLE_QUOTE -> state = c == '\'' ? State.NORMAL : state;
                case DOUBLE_QUOTE -> state = c == '"' ? State.NORMAL : state;
                case BACKTICK -> state = c == '`' ? State.NORMAL : state;
                case LINE_COMMENT -> { }
                case BLOCK_COMMENT -> {
                    if (c == '*' && next == '/') {
                        state = State.NORMAL;
                        pending.append(c).append(next);
                        i++;
                        continue;
                    }
                }
            }
            pending.append(c);
        }
        if (!hasContent && state != State.BLOCK_COMMENT) {
            // Only whitespace or comments so far: nothing for a continuation prompt to wait on.
            clear();
        }
        return completed;
    }

    /** Whether a statement has been started but not yet terminated by {@code ;}. */
    public boolean isPending() {
        return hasContent || state == State.BLOCK_COMMENT;
    }

    /**
     * Returns the unterminated statement, if any, and clears it; used at end of input so a
     * script's last statement need not end with {@code ;}.
     */
    public Optional<String> flush() {
        Optional<String> rest = hasContent ? Optional.of(pending.toString().trim()) : Optional.empty();
        clear();
        return rest;
    }

    /** Discards any partial statement (the user pressed Ctrl-C). */
    public void clear() {
        pending.setLength(0);
        state = State.NORMAL;
        hasContent = false;
    }

    private void emit(List<String> completed) {
        if (hasContent) {
            completed.add(pending.toString().trim());
        }
        pending.setLength(0);
        hasContent = false;
    }
}
