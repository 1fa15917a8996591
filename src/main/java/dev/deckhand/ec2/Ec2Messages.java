package dev.deckhand.ec2;

import java.util.List;

/** Wording shared by the handlers and the AWS implementation, so both say the same thing. */
public final class Ec2Messages {

    private Ec2Messages() {
    }

    /** A key pair that does not exist: what does exist in that region, and how to use it. */
    public static String missingKeyPair(String name, String region, List<String> existing) {
        String what = "Key pair " + (name.isEmpty() ? "" : "'" + name + "' ") + "does not exist in " + region + ". ";
        if (existing.isEmpty()) {
            return what + "There are no key pairs in " + region + ": create one in the EC2 console (Key Pairs), "
                    + "or launch without --key.";
        }
        return what + "Key pairs there: " + String.join(", ", existing) + ". Use --key " + existing.get(0) + ".";
    }
}
