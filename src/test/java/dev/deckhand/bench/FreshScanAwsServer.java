package dev.deckhand.bench;

import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.global.GlobalSettings;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.CloudWatchXml;
import dev.deckhand.testing.LeakFixtures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The AWS side of {@link FreshScanBench} in its own JVM, so the bench measures Deckhand's resident memory and
 * threads alone: WireMock on {@code port} with the same fixtures (17 regions x every kind) answering after
 * {@code latency} ms, writing how many calls it has served to {@code countFile} every 100 ms (the request
 * journal is off: it would grow).
 *
 * <p>Started by {@code bench/fresh-scans.sh}: {@code FreshScanAwsServer <port> <latency-ms> <countFile>}.
 */
public final class FreshScanAwsServer {

    private FreshScanAwsServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int latency = Integer.parseInt(args[1]);
        Path countFile = Path.of(args[2]);
        FreshScanBench.CallCounter counter = new FreshScanBench.CallCounter();
        AwsStub aws = new AwsStub(options().port(port).containerThreads(300).jettyAcceptQueueSize(1000)
                .asynchronousResponseEnabled(true).asynchronousResponseThreads(50).notifier(new ConsoleNotifier(false))
                .disableRequestJournal().extensions(counter), 1);
        LeakFixtures.emptyEverywhere(aws);
        LeakFixtures.allKinds(aws, null, 1);
        // Idle metrics (no data points: idleness unknown) and the Price List API (no product: price unknown),
        // so every call a scan makes is answered as AWS would, none with a 404.
        aws.server.stubFor(AwsStub.queryAction("GetMetricData").willReturn(CloudWatchXml.values(Map.of())));
        aws.server.stubFor(AwsStub.jsonTarget("AWSPriceListService.GetProducts")
                .willReturn(okJson("{\"FormatVersion\":\"aws_v1\",\"PriceList\":[]}")));
        aws.server.updateGlobalSettings(GlobalSettings.builder().fixedDelay(latency).build());
        Path tmp = countFile.resolveSibling(countFile.getFileName() + ".tmp");
        System.out.println("ready " + aws.server.baseUrl());
        while (true) {
            Files.writeString(tmp, Long.toString(counter.served.get()));
            Files.move(tmp, countFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Thread.sleep(100);
        }
    }
}
