package dev.deckhand.slack;

import dev.deckhand.validate.UrlMask;
import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs commands after Slack has been acknowledged, on a bounded pool: the router does the work
 * (permission check included), progress goes privately to the asker's response_url, and the result
 * goes there too. When response_url is gone (404, expired) or keeps failing after its retries, a
 * private result falls back to {@code chat.postEphemeral} and a channel result to
 * {@code chat.postMessage}. Each delivery's outcome is logged with the request id of the HTTP request
 * that brought the command in.
 */
final class CommandRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);

    private final CommandRouter router;
    /** Commands waiting for a worker; one more is refused at once ("busy") rather than queued. */
    static final int QUEUE = 1000;

    /** response_url takes five posts: a click's "Working on", three progress steps, and the result. */
    static final int MAX_PROGRESS_POSTS = 3;

    private final SlackChatPort chat;
    private final Clock clock;
    private final Duration progressInterval;
    private final String slashCommand;
    private final ThreadPoolExecutor pool;

    CommandRunner(CommandRouter router, SlackChatPort chat, Clock clock, Duration progressInterval, String slashCommand,
                  int workers) {
        this.router = router;
        this.chat = chat;
        this.clock = clock;
        this.progressInterval = progressInterval;
        this.slashCommand = slashCommand;
        AtomicInteger n = new AtomicInteger();
        // Two locks (put and take), not ArrayBlockingQueue's one: under load, thread dumps of bench/slack-ack.sh showed
        // ten of the 64 HTTP threads parked on the single lock the 16 workers' take() also holds, i.e. acks waiting
        // on the workers. With LinkedBlockingQueue an ack's offer() never contends with a worker taking work.
        this.pool = new ThreadPoolExecutor(workers, workers, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(QUEUE),
                r -> {
                    Thread t = new Thread(r, "deckhand-slack-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    // Slack waits 3 s for an ack and 30 minutes for a result on response_url: when the CPU is
                    // short, the acks go first. Takes effect with -XX:ThreadPriorityPolicy=1 (the Dockerfile's
                    // flags; nice 4 on Linux, which needs no privilege); without it Linux ignores it.
                    t.setPriority(Thread.MIN_PRIORITY);
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

    /**
     * Runs the command and delivers its reply. Call from a worker thread. Progress is the asker's alone
     * (their response_url, ephemeral); only a result meant for the channel is shown to the channel.
     */
    void runAndDeliver(CommandRequest request, ResponseUrl target, String requestId) {
        ThrottledProgress progress = new ThrottledProgress((reply, first) -> {
            ResponseUrl.Outcome outcome = target.progress(reply, request);
            if (!outcome.delivered()) {
                throw new IllegalStateException("response_url: " + outcome);
            }
        }, "response_url of " + request.userId(), request.text(), progressInterval, clock, MAX_PROGRESS_POSTS);
        log.info("[req {}] Running '{}' for {}", requestId, UrlMask.inText(request.text()), request.userId());
        Reply reply = router.dispatch(request, progress);
        deliver(reply, request, target, requestId);
    }

    /**
     * Runs a command that came without a response_url (a submitted dialog) and shows its reply with the
     * Web API: {@code chat.postEphemeral} to the asker, or {@code chat.postMessage} when it is for the
     * channel. Call from a worker thread.
     */
    void runAndPost(CommandRequest request, String requestId) {
        log.info("[req {}] Running '{}' for {}", requestId, UrlMask.inText(request.text()), request.userId());
        Reply reply = router.dispatch(request);
        String what = "[req " + requestId + "] Result of '" + UrlMask.inText(request.text()) + "' for " + request.userId();
        try {
            if (reply.isInChannel()) {
                chat.post(request.channelId(), reply.toBuilder().context(ResponseUrl.askerPlain(request, slashCommand)).build());
                log.info("{}: posted with chat.postMessage", what);
            } else {
                chat.postEphemeral(request.channelId(), request.userId(), reply);
                log.info("{}: shown with chat.postEphemeral", what);
            }
        } catch (RuntimeException e) {
            log.warn("{}: lost: {}", what, e.getMessage());
        }
    }

    /**
     * Posts the reply to response_url, part after part when it needs several messages ({@link
     * BlockKitRenderer#parts}); from the first part response_url does not take (gone, used up after its five
     * posts, failing), that part and the rest go through the Web API, so they still arrive whole and in order.
     */
    void deliver(Reply reply, CommandRequest request, ResponseUrl target, String requestId) {
        String what = "[req " + requestId + "] Result of '" + UrlMask.inText(request.text()) + "' for " + request.userId();
        java.util.List<Reply> parts = BlockKitRenderer.parts(reply);
        String of = parts.size() == 1 ? "" : " in " + parts.size() + " messages";
        for (int i = 0; i < parts.size(); i++) {
            ResponseUrl.Outcome outcome = target.send(parts.get(i), request, slashCommand);
            if (!(outcome instanceof ResponseUrl.Outcome.Delivered d)) {
                fallBack(parts.subList(i, parts.size()), request, outcome, what + (i == 0 ? of : " from part " + (i + 1)));
                return;
            }
            if (i == parts.size() - 1) {
                log.info("{}: delivered to response_url{} ({} {})", what, of, reply.isInChannel() ? "in_channel" : "ephemeral",
                        d.attempts() == 1 ? "first try" : "after " + d.attempts() + " tries");
            }
        }
    }

    private void fallBack(java.util.List<Reply> parts, CommandRequest request, ResponseUrl.Outcome outcome, String what) {
        try {
            for (Reply part : parts) {
                if (part.isInChannel()) {
                    chat.post(request.channelId(), part.toBuilder().context(ResponseUrl.askerPlain(request, slashCommand)).build());
                } else {
                    chat.postEphemeral(request.channelId(), request.userId(), part);
                }
            }
            log.info("{}: response_url {}; {} with {} instead", what, outcome,
                    parts.get(0).isInChannel() ? "posted" : "shown",
                    parts.get(0).isInChannel() ? "chat.postMessage" : "chat.postEphemeral");
        } catch (RuntimeException e) {
            log.warn("{}: lost: response_url {}, and the fallback failed too: {}", what, outcome, e.getMessage());
        }
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
