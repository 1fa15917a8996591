package dev.deckhand.aws;

import dev.deckhand.accounts.Account;
import dev.deckhand.accounts.CallerScope;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Tag;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The STS sessions Deckhand holds in member accounts: one per (account, chat user, approval), each an
 * {@link StsAssumeRoleCredentialsProvider}, which refreshes the temporary keys itself before they expire.
 *
 * <p>The role session name is {@code deckhand-<user>} and the session is tagged with the user and the
 * approval id, so CloudTrail in the member account shows who asked (and under which approval) rather than
 * only "Deckhand". Work without a person (the cost scan) uses the session {@code deckhand-bot}.
 */
final class AccountSessions implements AutoCloseable {

    /** STS: 2 to 64 characters of letters, digits and {@code +=,.@_-}. */
    private static final int MAX_SESSION_NAME = 64;
    static final Duration SESSION = Duration.ofHours(1);

    private final StsClient sts;
    private final Map<String, StsAssumeRoleCredentialsProvider> sessions = new ConcurrentHashMap<>();

    /** @param hub the credentials Deckhand starts with: they call AssumeRole */
    AccountSessions(AwsCredentialsProvider hub, Optional<URI> endpoint, String region, SdkHttpClient http) {
        var builder = StsClient.builder().region(Region.of(region)).credentialsProvider(hub).httpClient(http);
        endpoint.ifPresent(builder::endpointOverride);
        this.sts = builder.build();
    }

    /** Credentials for {@code account}, for whoever is acting on the calling thread when a request is signed. */
    AwsCredentialsProvider credentials(Account account) {
        return new AwsCredentialsProvider() {
            @Override
            public AwsCredentials resolveCredentials() {
                CallerScope.Caller caller = CallerScope.current().orElse(new CallerScope.Caller(account.name(), "", ""));
                try {
                    return session(account, caller.user(), caller.approvalId()).resolveCredentials();
                } catch (SdkException e) {
                    throw StsErrors.translate(account, e);
                }
            }

            @Override
            public String toString() {
                return "AssumeRole(" + account.roleArn() + ")";
            }
        };
    }

    private StsAssumeRoleCredentialsProvider session(Account account, String user, String approvalId) {
        String key = account.name() + "\n" + user + "\n" + approvalId;
        return sessions.computeIfAbsent(key, k -> StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(request(account, user, approvalId))
                // Fresh keys are fetched 5 minutes before expiry; the SDK refuses to use them in the last minute.
                .prefetchTime(Duration.ofMinutes(5))
                .staleTime(Duration.ofMinutes(1))
                .build());
    }

    static AssumeRoleRequest request(Account account, String user, String approvalId) {
        List<Tag> tags = new ArrayList<>();
        tags.add(Tag.builder().key("deckhand:user").value(tagValue(user.isEmpty() ? "deckhand-bot" : user)).build());
        if (!approvalId.isEmpty()) {
            tags.add(Tag.builder().key("deckhand:approval").value(tagValue(approvalId)).build());
        }
        AssumeRoleRequest.Builder request = AssumeRoleRequest.builder()
                .roleArn(account.roleArn())
                .roleSessionName(sessionName(user))
                .durationSeconds((int) SESSION.toSeconds())
                .tags(tags);
        if (!account.externalId().isBlank()) {
            request.externalId(account.externalId());
        }
        return request.build();
    }

    /** {@code deckhand-<user>} in STS's alphabet ({@code [\w+=,.@-]}), at most 64 characters. */
    static String sessionName(String user) {
        String name = "deckhand-" + (user.isEmpty() ? "bot" : user.replaceAll("[^\\w+=,.@-]", "-"));
        return name.length() <= MAX_SESSION_NAME ? name : name.substring(0, MAX_SESSION_NAME);
    }

    /** Tag values: letters, digits, spaces and {@code _.:/=+-@}, at most 256 characters. */
    private static String tagValue(String value) {
        String clean = value.replaceAll("[^\\p{L}\\p{Z}\\p{N}_.:/=+@-]", "-");
        return clean.length() <= 256 ? clean : clean.substring(0, 256);
    }

    /** How many sessions are held; lets tests prove reuse per (account, user). */
    int size() {
        return sessions.size();
    }

    @Override
    public void close() {
        sessions.values().forEach(StsAssumeRoleCredentialsProvider::close);
        sts.close();
    }
}
