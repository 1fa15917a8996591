package dev.deckhand.deploy;

import dev.deckhand.validate.Inputs;

import java.util.ArrayList;
import java.util.List;

/**
 * The commands {@code deploy} sends through SSM Run Command: download the new artifact next to the
 * old one, swap it in only when the download worked, restart the service, and check that it stays up.
 * The URL is validated and single-quoted, as in {@link UserDataScript}.
 */
public final class RedeployScript {

    private RedeployScript() {
    }

    public static List<String> commands(AppRuntime runtime, String artifactUrl, int port) {
        String url = Inputs.url(artifactUrl).toString();
        Inputs.port(Integer.toString(port));
        String file = "/opt/deckhand-app/" + runtime.artifactFile();
        List<String> lines = new ArrayList<>();
        lines.add("set -euo pipefail");
        lines.add("ARTIFACT_URL=" + Shell.quote(url));
        lines.add("test -f /etc/systemd/system/" + AppRuntime.SERVICE + ".service || { echo 'No " + AppRuntime.SERVICE
                + " service here: launch the instance with --app first.' >&2; exit 3; }");
        lines.add("curl -fsSL --retry 3 --proto '=https,http' -o " + file + ".new \"$ARTIFACT_URL\"");
        lines.add("test -s " + file + ".new");
        lines.add("if [ -f " + file + " ]; then cp " + file + " " + file + ".previous; fi");
        lines.add("mv " + file + ".new " + file);
        lines.addAll(runtime.unpack());
        lines.add("chown -R deckhand-app:deckhand-app /opt/deckhand-app");
        lines.add("systemctl restart " + AppRuntime.SERVICE);
        lines.add("sleep 5");
        lines.add("systemctl is-active --quiet " + AppRuntime.SERVICE + " || { journalctl -u " + AppRuntime.SERVICE
                + " -n 20 --no-pager >&2; exit 4; }");
        lines.add("echo \"Deployed $(basename \"$ARTIFACT_URL\"); " + AppRuntime.SERVICE + " is active on port " + port + ".\"");
        return lines;
    }
}
