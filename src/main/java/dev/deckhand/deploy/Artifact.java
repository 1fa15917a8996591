package dev.deckhand.deploy;

import dev.deckhand.validate.Inputs;
import dev.deckhand.validate.UrlMask;
import dev.deckhand.validate.UsageException;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a build comes from, checked: {@code https://} (any host) or {@code s3://bucket/key} (read with
 * the instance's role), and plain {@code http://} only when the user said {@code --allow-http}, since
 * anyone on the path can swap the file. An optional SHA-256 is verified on the instance before anything
 * is replaced. The full URL goes only into the script the instance runs; {@link #shown()} everywhere else.
 *
 * @param url    the URL as given (query included: a pre-signed URL needs it to download)
 * @param sha256 lower-case hex digest the file must have, empty when not given
 */
public record Artifact(String url, Optional<String> sha256) {

    private static final Pattern S3 = Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/[A-Za-z0-9._~/+=,@%-]{1,1024}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    static final String EXAMPLE = "For example: --artifact https://artifacts.example.com/shop/app-1.4.2.jar "
            + "or --artifact s3://shop-builds/app-1.4.2.jar";

    public Artifact {
        sha256 = sha256 == null ? Optional.empty() : sha256;
    }

    /**
     * @param raw       the --artifact value
     * @param allowHttp whether --allow-http was given
     * @param sha256    the --sha256 value, if any
     */
    public static Artifact parse(String raw, boolean allowHttp, Optional<String> sha256) {
        if (raw == null || raw.isBlank()) {
            throw new UsageException("Say which build to ship with --artifact.", EXAMPLE);
        }
        String lower = raw.toLowerCase(Locale.ROOT);
        if (lower.startsWith("s3://")) {
            if (!S3.matcher(raw).matches()) {
                throw new UsageException("'" + UrlMask.mask(raw) + "' is not an S3 object URL Deckhand can use: "
                        + "s3://<bucket>/<key>, the key of letters, digits and . _ ~ / + = , @ % -.", EXAMPLE);
            }
        } else {
            Inputs.url(raw);
            if (lower.startsWith("http://") && !allowHttp) {
                throw new UsageException("'" + UrlMask.mask(raw) + "' is plain http: anyone between the instance and "
                        + "that server can swap the file. Use https:// or s3://, or add --allow-http (and better "
                        + "--sha256 <digest>) if you accept that.", EXAMPLE);
            }
        }
        Optional<String> digest = sha256.map(s -> s.strip().toLowerCase(Locale.ROOT));
        digest.ifPresent(d -> {
            if (!SHA256.matcher(d).matches()) {
                throw new UsageException("--sha256 must be the artifact's SHA-256 digest: 64 hex digits.",
                        "For example: --sha256 $(sha256sum app.jar | cut -d' ' -f1), "
                                + "e.g. --sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
            }
        });
        return new Artifact(raw, digest);
    }

    public boolean isPlainHttp() {
        return url.regionMatches(true, 0, "http://", 0, 7);
    }

    public boolean isS3() {
        return url.regionMatches(true, 0, "s3://", 0, 5);
    }

    /** The URL as it may be shown or stored: {@code https://host/path?…}. */
    public String shown() {
        return UrlMask.mask(url);
    }

    /** The file's name, as the version a deploy reports ({@code app-1.4.2.jar}). */
    public String fileName() {
        String path = UrlMask.withoutQuery(url);
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isEmpty() ? path : name;
    }

    /** curl's allowed protocols, for the download and its redirects. */
    String curlProtocols() {
        return isPlainHttp() ? "=http,https" : "=https";
    }

    /** Plan notes: what the card warns about. */
    public Optional<String> warning() {
        if (isPlainHttp()) {
            return Optional.of("Warning: the artifact comes over plain http (--allow-http): anyone on the path can swap it"
                    + sha256.map(s -> "; --sha256 is checked before anything is replaced.").orElse(", and no --sha256 checks it."));
        }
        return Optional.empty();
    }
}
