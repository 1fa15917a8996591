package dev.deckhand.testing;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS calls WireMock received, oldest first, named the way AWS names them: the Query
 * {@code Action}, the JSON {@code X-Amz-Target} operation, or Route 53's method and path.
 */
public final class CallOrder {

    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z0-9]+)");

    private CallOrder() {
    }

    public static List<String> calls(AwsStub aws) {
        List<ServeEvent> events = new ArrayList<>(aws.server.getAllServeEvents());
        java.util.Collections.reverse(events);
        List<String> names = new ArrayList<>();
        for (ServeEvent event : events) {
            names.add(name(event.getRequest()));
        }
        return names;
    }

    /** Only the calls that change something (Delete, Terminate, Release, Disassociate, Route 53 POSTs, ...). */
    public static List<String> changes(AwsStub aws) {
        return calls(aws).stream().filter(n -> !n.startsWith("Describe") && !n.startsWith("List") && !n.startsWith("GET")
                && !n.startsWith("Get")).toList();
    }

    static String name(LoggedRequest request) {
        String target = request.getHeader("X-Amz-Target");
        if (target != null) {
            return target.substring(target.indexOf('.') + 1);
        }
        String body = request.getBodyAsString();
        Matcher action = ACTION.matcher(body);
        if (action.find()) {
            String detail = firstId(body);
            return action.group(1) + (detail.isEmpty() ? "" : " " + detail);
        }
        return request.getMethod().value() + " " + request.getUrl();
    }

    /** The resource a Query call names, so orders can be asserted per resource. */
    private static String firstId(String body) {
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && kv[0].matches("GroupId|InstanceId\\.1|AllocationId|AssociationId|VolumeId|ListenerArn"
                    + "|LoadBalancerArn|TargetGroupArn")) {
                String value = URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
                return value.substring(value.lastIndexOf('/') + 1);
            }
        }
        return "";
    }
}
