package dev.deckhand.slack;

import dev.deckhand.validate.UrlMask;
import dev.deckhand.chat.ChatPort;
import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs commands after Slack has been acknowledged, on a bounded pool: the router does the work
 * (permission check included), progress updates one message in place, and the result goes to the
 * command's response_url; a channel result that response_url refuses is posted with
 * {@code chat.postMessage} instead.
 */
final class CommandRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);

    private final CommandRouter router;
    private final ChatPort chat;
    private final Clock clock;
    private final Duration progressInterval;
    private final String slashCommand;
    private final ThreadPoolExecutor pool;

    CommandRunner(CommandRouter router, ChatPort chat, Clock clock, Duration progressInterval, String slashCommand,
                  int workers) {
        this.router = router;
        this.chat = chat;
        this.clock = clock;
        this.progressInterval = progressInterval;
        this.slashCommand = slashCommand;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(workers, workers, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000),
                r -> {
                    Thread t = new Thread(r, "deckhand-slack-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** @return false when the queue is full; the caller tells the user to try again */
    boolean submit(Runnable work) {
        try {
            pool.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.error("Slack work failed", e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            log.warn("Worker queue full ({} waiting); refusing a command", pool.getQueue().size());
            return false;
        }
    }

    /** Runs the command and delivers its reply. Call from a worker thread. */
    void runAndDeliver(CommandRequest request, ResponseUrl target) {
        ThrottledProgress progress = new ThrottledProgress(chat, request.channelId(), request.text(), progressInterval, clock);
        Reply reply = router.dispatch(request, progress);
        deliver(reply, request, target);
        progress.finish(":white_check_mark: `" + BlockKitRenderer.escape(UrlMask.inText(request.text())) + "` finished.");
    }

    void deliver(Reply reply, CommandRequest request, ResponseUrl target) {
        if (target.send(reply, request, slashCommand)) {
            return;
        }
        if (reply.isInChannel()) {
            try {
                Reply named = reply.toBuilder().context(ResponseUrl.askerPlain(request, slashCommand)).build();
                chat.post(request.channelId(), named);
                return;
            } catch (RuntimeException e) {
                log.warn("Result of '{}' for {} could not be posted: {}", UrlMask.inText(request.text()), request.userId(), e.getMessage());
                return;
            }
        }
        log.warn("Result of '{}' for {} could not be delivered: response_url refused it", UrlMask.inText(request.text()), request.userId());
    }

    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
