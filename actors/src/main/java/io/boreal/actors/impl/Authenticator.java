package io.boreal.actors.impl;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;

import io.boreal.storage.EngineException;

/**
 * Who may open a session, and with what scheduling weight ({@code boreal.users}).
 *
 * <p>A listed user with a password must give it: the password is kept only as a salted
 * PBKDF2-HMAC-SHA256 key ({@value #ITERATIONS} iterations, as SCRAM-SHA-256 stores it), and
 * checking one derives the key again — milliseconds of CPU, so it runs on the node's small
 * authentication pool and the session waits for the result ({@code boreal.async.auth}).
 * A listed user without a password is trusted. An unlisted user is let in with weight 1 while
 * {@code boreal.allow-unlisted-users} is on, and refused otherwise.
 *
 * <p>Failures: 28P01, "password authentication failed for user", both for a wrong password and
 * for a user that may not connect — as PostgreSQL answers, so that nobody learns which users
 * exist; an unknown user's check costs the same key derivation as a known one's.
 *
 * <p>Thread-safety: immutable after construction; {@link #verify} may be called from any thread.
 */
final class Authenticator {

    /** A user let in, with the weight the scheduler gives its statements. */
    record Principal(String user, int weight) {
    }

    private record Entry(int weight, byte[] salt, byte[] key) {
    }

    static final int ITERATIONS = 4096;
    private static final int KEY_BITS = 256;

    private final Map<String, Entry> users = new HashMap<>();
    /** Derived against for users that do not exist, so that their check takes as long. */
    private final Entry nobody;
    private final boolean allowUnlisted;
    private final ExecutorService pool;

    Authenticator(Config config) {
        this.allowUnlisted = config.getBoolean("boreal.allow-unlisted-users");
        SecureRandom random = new SecureRandom();
        byte[] nobodySalt = new byte[16];
        random.nextBytes(nobodySalt);
        this.nobody = new Entry(1, nobodySalt, new byte[KEY_BITS / 8]);
        ConfigObject listed = config.getObject("boreal.users");
        for (String name : listed.keySet()) {
            Config user = listed.toConfig().getConfig("\"" + name + "\"");
            int weight = user.hasPath("weight") ? user.getInt("weight") : 1;
            if (weight < 1 || weight > Admission.MAX_WEIGHT) {
                throw new IllegalArgumentException("boreal.users." + name + ".weight must be 1.." + Admission.MAX_WEIGHT
                        + ", not " + weight);
            }
            byte[] salt = null;
            byte[] key = null;
            if (user.hasPath("password")) {
                salt = new byte[16];
                random.nextBytes(salt);
                key = derive(user.getString("password"), salt);
            }
            users.put(name, new Entry(weight, salt, key));
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), work -> {
            Thread thread = new Thread(work, "boreal-auth");
            thread.setDaemon(true);
            return thread;
        });
        ((ThreadPoolExecutor) pool).allowCoreThreadTimeOut(true);
    }

    /** Checks {@code user}'s password; completes with its principal or fails with an {@link EngineException}. */
    CompletionStage<Principal> verify(String user, String password) {
        Entry listed = users.get(user);
        if (listed == null && allowUnlisted) {
            return CompletableFuture.completedFuture(new Principal(user, 1));
        }
        if (listed != null && listed.key() == null) {
            return CompletableFuture.completedFuture(new Principal(user, listed.weight()));
        }
        Entry entry = listed != null ? listed : nobody; // nobody's key matches no password
        return CompletableFuture.supplyAsync(() -> {
            byte[] given = derive(password == null ? "" : password, entry.salt());
            if (listed == null || !MessageDigest.isEqual(given, entry.key())) {
                throw new EngineException("28P01", "password authentication failed for user '" + user + "'");
            }
            return new Principal(user, entry.weight());
        }, pool);
    }

    /** The pool's threads end with the node. */
    void close() {
        pool.shutdownNow();
    }

    private static byte[] derive(String password, byte[] salt) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, KEY_BITS);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        }
    }
}
