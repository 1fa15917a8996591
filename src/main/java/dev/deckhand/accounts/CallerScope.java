package dev.deckhand.accounts;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Who is acting, and in which account, for the AWS calls made on this thread: the router sets it around a
 * command's plan, apply or read, and the AWS clients pick the account's client and the caller's STS
 * session from it (so CloudTrail names the person). Work handed to other threads is wrapped with
 * {@link #wrap}, which carries the caller along.
 *
 * <p>A thread-local rather than a parameter on every service method: the dozens of AWS calls behind the
 * commands would otherwise all change signature, and the account is a property of the whole command.
 */
public final class CallerScope {

    /**
     * @param account    the account's name; empty without configured accounts
     * @param user       the chat user who asked
     * @param approvalId the approval the command runs under; empty when it ran directly
     */
    public record Caller(String account, String user, String approvalId) {

        public Caller {
            account = account == null ? "" : account;
            user = user == null ? "" : user;
            approvalId = approvalId == null ? "" : approvalId;
        }
    }

    private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();

    private CallerScope() {
    }

    public static Optional<Caller> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The current account's name, empty when none is set. */
    public static String currentAccount() {
        Caller caller = CURRENT.get();
        return caller == null ? "" : caller.account();
    }

    /** Runs {@code work} as {@code caller}, restoring whoever was acting before. */
    public static <T> T call(Caller caller, Supplier<T> work) {
        Caller before = CURRENT.get();
        CURRENT.set(caller);
        try {
            return work.get();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }

    /** {@code task} as it would run here: on another thread it acts for the caller of this one. */
    public static <T> Callable<T> wrap(Callable<T> task) {
        Caller caller = CURRENT.get();
        if (caller == null) {
            return task;
        }
        return () -> call(caller, () -> {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** As {@link #wrap(Callable)} for a function. */
    public static <A, T> Function<A, T> wrap(Function<A, T> function) {
        Caller caller = CURRENT.get();
        if (caller == null) {
            return function;
        }
        return a -> call(caller, () -> function.apply(a));
    }
}
