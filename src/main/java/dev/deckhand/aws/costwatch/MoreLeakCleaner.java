package dev.deckhand.aws.costwatch;

import dev.deckhand.aws.AwsClients;
import dev.deckhand.aws.AwsErrors;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.validate.UsageException;
import software.amazon.awssdk.services.rds.model.DBInstance;

import java.util.regex.Pattern;

/**
 * Removes the leak kinds of issue 15: DeleteNatGateway, DeleteSnapshot, and for an RDS database
 * StopDBInstance when it is running (idle) or DeleteDBInstance with a final snapshot when it is stopped.
 * A database is never deleted without a final snapshot: {@code SkipFinalSnapshot} is always false.
 */
final class MoreLeakCleaner {

    private static final Pattern NAT = Pattern.compile("nat-[0-9a-f]{8,17}");
    private static final Pattern SNAPSHOT = Pattern.compile("snap-[0-9a-f]{8,17}");
    private static final Pattern DB = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,62}");

    private final AwsClients aws;

    MoreLeakCleaner(AwsClients aws) {
        this.aws = aws;
    }

    static void checkId(String noun, String id) {
        Pattern pattern = switch (noun) {
            case "nat" -> NAT;
            case "snapshot" -> SNAPSHOT;
            default -> DB;
        };
        if (!pattern.matcher(id).matches()) {
            String example = switch (noun) {
                case "nat" -> "nat-0abc1234def567890";
                case "snapshot" -> "snap-0abc1234def567890";
                default -> "orders-db";
            };
            throw new UsageException("'" + id + "' is not " + (noun.equals("rds") ? "an RDS database identifier" : "a " + noun
                    + " id") + ".", "For example: leaks cleanup " + noun + " " + example);
        }
    }

    String cleanUp(String noun, String id, String region) {
        switch (noun) {
            case "nat" -> {
                AwsErrors.call("ec2:DeleteNatGateway", region, () -> aws.ec2(region).deleteNatGateway(r -> r.natGatewayId(id)));
                return "Deleting NAT gateway " + id;
            }
            case "snapshot" -> {
                AwsErrors.call("ec2:DeleteSnapshot", region, () -> aws.ec2(region).deleteSnapshot(r -> r.snapshotId(id)));
                return "Deleted snapshot " + id;
            }
            default -> {
                return database(id, region);
            }
        }
    }

    private String database(String id, String region) {
        DBInstance db = AwsErrors.call("rds:DescribeDBInstances", region, () -> aws.rds(region)
                .describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances()).stream().findFirst()
                .orElseThrow(() -> new UserFacingException("RDS database " + id + " is not in " + region + " any more."));
        String status = db.dbInstanceStatus();
        if ("available".equals(status)) {
            AwsErrors.call("rds:StopDBInstance", region, () -> aws.rds(region).stopDBInstance(r -> r.dbInstanceIdentifier(id)));
            return "Stopping RDS database " + id + " (AWS starts it again after 7 days; clean it up again then to delete it "
                    + "with a final snapshot)";
        }
        if ("stopped".equals(status)) {
            String snapshot = id + "-final-" + Long.toString(System.currentTimeMillis() / 1000, 36);
            AwsErrors.call("rds:DeleteDBInstance", region, () -> aws.rds(region).deleteDBInstance(r -> r
                    .dbInstanceIdentifier(id).skipFinalSnapshot(false).finalDBSnapshotIdentifier(snapshot)));
            return "Deleting RDS database " + id + " after its final snapshot " + snapshot;
        }
        throw new UserFacingException("RDS database " + id + " is " + status + "; Deckhand stops an available database or "
                + "deletes a stopped one. Try again when it is available or stopped.");
    }
}
