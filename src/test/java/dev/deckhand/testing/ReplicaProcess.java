package dev.deckhand.testing;

import dev.deckhand.approval.ApprovalRequest;
import dev.deckhand.approval.ApprovalState;
import dev.deckhand.approval.ApprovalStore;
import dev.deckhand.store.Database;
import dev.deckhand.store.Replica;
import dev.deckhand.store.StoreTarget;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A second Deckhand replica in its own JVM, for tests that kill one abruptly: it opens the store, beats,
 * takes the digest and approvals leases, and is in the middle of running an approved request when it
 * prints {@code RUNNING <id>}; then it waits to be killed. Nothing it holds is ever released.
 */
public final class ReplicaProcess {

    private ReplicaProcess() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String instanceId = args[1];
        String requestId = args[2];
        Database db = Database.open(new StoreTarget(url, Optional.empty(), Optional.empty()));
        Replica replica = new Replica(db, Clock.systemUTC(), instanceId, Replica.DEFAULT_TTL);
        replica.startHeartbeat();
        replica.lead("digest");
        replica.lead("approvals");
        ApprovalStore store = new ApprovalStore(db, instanceId);
        Instant now = Instant.now();
        store.insert(new ApprovalRequest(requestId, "U_DEP", "C0TEAM", "grant U_SLOW deployer", "us-east-1", "test",
                Optional.empty(), ApprovalState.PENDING, now, now.plusSeconds(1800), Optional.empty(), List.of(), "",
                Optional.empty(), ""));
        store.vote(requestId, "U_BOSS", now, 1);
        store.transition(requestId, ApprovalState.APPROVED, ApprovalState.RUNNING, null, now, null);
        System.out.println("RUNNING " + requestId);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Starts one on the test's own classpath; returns once it is running its request. */
    public static Process start(StoreTarget target, String instanceId, String requestId) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ReplicaProcess.class.getName(), target.url(), instanceId,
                requestId));
        Path log = Files.createTempFile("replica-process", ".log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        var out = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream()));
        String line = out.readLine();
        if (line == null || !line.equals("RUNNING " + requestId)) {
            process.destroyForcibly();
            throw new IllegalStateException("Replica process did not start (" + line + "): " + Files.readString(log));
        }
        return process;
    }

    /** SIGKILL: no shutdown hook runs, no lease or heartbeat is released. */
    public static void kill(Process process) throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Replica process did not die");
        }
    }
}
