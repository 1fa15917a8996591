package dev.deckhand.validate;

import java.util.regex.Pattern;

/**
 * The one place URLs lose their query strings before they are shown or stored. A pre-signed
 * artifact URL's query ({@code X-Amz-Credential}, {@code X-Amz-Signature}) is a credential: it goes to
 * the instance that downloads the artifact and nowhere else (not chat, cards, plans, the audit log,
 * logs or SSM's command history). {@code https://bucket.s3.amazonaws.com/app.jar?X-Amz-...} becomes
 * {@code https://bucket.s3.amazonaws.com/app.jar?…}; a fragment is cut the same way.
 */
public final class UrlMask {

    /** What replaces a query string or fragment. */
    public static final String HIDDEN = "?…";

    /** A URL with a query or fragment inside free text; the query stops at whitespace or Slack's link brackets. */
    private static final Pattern URL_QUERY = Pattern.compile("((?:https?|s3)://[^\\s?#<>|`]*)[?#][^\\s<>|`]*",
            Pattern.CASE_INSENSITIVE);

    private UrlMask() {
    }

    /** One URL as it may be shown: without its query and fragment. */
    public static String mask(String url) {
        int cut = cut(url);
        return cut < 0 ? url : url.substring(0, cut) + HIDDEN;
    }

    /** The URL without query or fragment and without a mark: for file names and labels. */
    public static String withoutQuery(String url) {
        int cut = cut(url);
        return cut < 0 ? url : url.substring(0, cut);
    }

    /** Every URL in a text masked as {@link #mask} does; text that is already masked comes back unchanged. */
    public static String inText(String text) {
        if (text == null || text.indexOf("://") < 0) {
            return text;
        }
        return URL_QUERY.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1) + HIDDEN));
    }

    private static int cut(String url) {
        if (url.indexOf("://") < 0) {
            return -1; // not a URL: nothing to hide
        }
        int q = url.indexOf('?');
        int f = url.indexOf('#');
        return q < 0 ? f : f < 0 ? q : Math.min(q, f);
    }
}
