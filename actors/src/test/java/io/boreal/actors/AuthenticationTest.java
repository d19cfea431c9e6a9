package io.boreal.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.typesafe.config.ConfigFactory;

import io.boreal.storage.EngineException;

/** {@code boreal.users}: passwords checked in every execution mode; every refusal is 28P01. */
class AuthenticationTest {

    private BorealDatabase db;

    @BeforeEach
    void start() {
        db = BorealDatabase.start(ConfigFactory.parseString("""
                boreal.users { app { password = "s3cret", weight = 4 }, reports { weight = 2 } }
                boreal.allow-unlisted-users = off
                """).withFallback(BorealDatabase.memoryConfig("auth")));
    }

    @AfterEach
    void stop() {
        db.close();
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private String refusal(String user, String password) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(db.openSession(user, password)));
        return ((EngineException) e.getCause()).sqlState();
    }

    @Test
    void passwordsAreCheckedInEveryMode() throws Exception {
        SqlSession admin = await(db.openSession("reports")); // listed without a password: trusted
        for (String mode : List.of("SET GLOBAL boreal.execution_mode = 'async'",
                "SET GLOBAL boreal.async.auth = off", "SET GLOBAL boreal.execution_mode = 'blocking'")) {
            await(admin.execute(mode, List.of()));
            SqlSession app = await(db.openSession("app", "s3cret"));
            StatementResult.Rows one = (StatementResult.Rows) await(app.execute("SELECT 1", List.of()));
            assertEquals(1, one.rows().size(), mode);
            await(app.close());
            assertEquals("28P01", refusal("app", "wrong"), mode);
            assertEquals("28P01", refusal("app", null), mode);
            assertEquals("28P01", refusal("stranger", "anything"), mode); // no telling who exists
        }
        StatementResult.Rows still = (StatementResult.Rows) await(admin.execute("SELECT 2", List.of()));
        assertEquals(1, still.rows().size(), "the node keeps serving after refusals");
    }
}
