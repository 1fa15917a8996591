package dev.deckhand.ec2;

import java.util.regex.Pattern;

/** CIDR blocks as users type them for {@code --from}. */
public final class Cidrs {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:]*/(\\d{1,3})");

    private Cidrs() {
    }

    public static boolean isValid(String cidr) {
        if (cidr == null) {
            return false;
        }
        var v4 = IPV4.matcher(cidr);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return false;
                }
            }
            return Integer.parseInt(v4.group(5)) <= 32;
        }
        var v6 = IPV6.matcher(cidr);
        return v6.matches() && Integer.parseInt(v6.group(1)) <= 128 && cidr.indexOf("::") == cidr.lastIndexOf("::");
    }

    public static boolean isIpv6(String cidr) {
        return cidr.contains(":");
    }

    /** 0.0.0.0/0 or ::/0: anyone on the internet. */
    public static boolean isWholeInternet(String cidr) {
        return "0.0.0.0/0".equals(cidr) || "::/0".equals(cidr);
    }
}
