package dev.deckhand.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/** WireMock answering STS AssumeRole in its Query/XML wire format, and reading what was asked. */
public final class StsStub {

    private StsStub() {
    }

    /** AssumeRole for {@code roleArn} answers these keys, valid for {@code validFor} from now (the SDK reads the real clock). */
    public static void assumeRole(WireMockServer server, String roleArn, String accessKeyId, Duration validFor) {
        server.stubFor(post(urlPathEqualTo("/")).withRequestBody(containing("Action=AssumeRole&"))
                .withRequestBody(containing("RoleArn=" + encode(roleArn)))
                .willReturn(credentials(accessKeyId, validFor)));
    }

    public static ResponseDefinitionBuilder credentials(String accessKeyId, Duration validFor) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
                        + "<Credentials><AccessKeyId>" + accessKeyId + "</AccessKeyId><SecretAccessKey>secret-" + accessKeyId
                        + "</SecretAccessKey><SessionToken>token-" + accessKeyId + "</SessionToken><Expiration>"
                        + Instant.now().plus(validFor) + "</Expiration></Credentials>"
                        + "<AssumedRoleUser><Arn>arn:aws:sts::111111111111:assumed-role/deckhand/s</Arn>"
                        + "<AssumedRoleId>AROAEXAMPLE:s</AssumedRoleId></AssumedRoleUser></AssumeRoleResult>"
                        + "<ResponseMetadata><RequestId>sts-1</RequestId></ResponseMetadata></AssumeRoleResponse>");
    }

    /** An STS error as AWS sends it, e.g. (403, AccessDenied, "User ... is not authorized to perform: sts:AssumeRole"). */
    public static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml")
                .withBody("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>"
                        + code + "</Code><Message>" + message + "</Message></Error><RequestId>sts-err</RequestId></ErrorResponse>");
    }

    /** Every AssumeRole request, its form parameters decoded, in order. */
    public static List<Map<String, String>> assumeRoles(WireMockServer server) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("Action=AssumeRole&")))
                .stream().map(StsStub::params).toList();
    }

    public static Map<String, String> params(LoggedRequest request) {
        return Arrays.stream(request.getBodyAsString().split("&")).map(kv -> kv.split("=", 2))
                .collect(Collectors.toMap(kv -> decode(kv[0]), kv -> kv.length > 1 ? decode(kv[1]) : "",
                        (a, b) -> b, TreeMap::new));
    }

    /** The access key id that signed a request: {@code Credential=<key>/...} of its Authorization header. */
    public static String signedBy(LoggedRequest request) {
        String auth = request.getHeader("Authorization");
        int at = auth.indexOf("Credential=");
        return auth.substring(at + "Credential=".length(), auth.indexOf('/', at));
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
