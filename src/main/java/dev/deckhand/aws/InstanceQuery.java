package dev.deckhand.aws;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one instance lookup by id or {@code Name} tag, behind both {@code ec2 show/start/stop/...}
 * (AwsEc2Service#find) and the networking commands' instance directory. Callers wrap it in
 * their error translation and choose which states count (the ec2 commands show a terminated
 * instance asked for by id; sg/eip/elb/dns only target live ones).
 */
public final class InstanceQuery {

    /** What an instance id looks like; anything else is a Name tag. */
    public static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8,17}");

    private InstanceQuery() {
    }

    public static boolean isInstanceId(String idOrName) {
        return INSTANCE_ID.matcher(idOrName).matches();
    }

    /**
     * DescribeInstances filtered (never by InstanceIds, so an unknown id is an empty answer rather than
     * an error) by {@code instance-id} or {@code tag:Name}, and by state when {@code states} is not empty.
     */
    public static List<Instance> byIdOrName(Ec2Client ec2, String idOrName, List<String> states) {
        List<Filter> filters = new ArrayList<>();
        filters.add(Filter.builder().name(isInstanceId(idOrName) ? "instance-id" : "tag:Name").values(idOrName).build());
        if (!states.isEmpty()) {
            filters.add(Filter.builder().name("instance-state-name").values(states).build());
        }
        return ec2.describeInstancesPaginator(r -> r.filters(filters)).reservations().stream()
                .flatMap(res -> res.instances().stream()).toList();
    }
}
