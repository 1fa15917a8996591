package dev.deckhand.deploy;

import java.util.ArrayList;
import java.util.List;

/**
 * The script {@code deploy} sends through SSM Run Command (POSIX sh: AWS-RunShellScript runs it with
 * {@code sh}, which is dash on Ubuntu). It downloads and checks the new artifact before touching
 * anything, keeps the running one as the rollback copy, starts the new one on the given port, and asks
 * it over HTTP whether it is up; when it is not, it puts the previous artifact, unit and nginx config
 * back, restarts, and exits {@value #ROLLED_BACK} (or {@value #ROLLBACK_FAILED} when the old one does
 * not answer either). Each step prints a {@code ==> } line; the last line starts {@value #RESULT}.
 */
public final class RedeployScript {

    /** Exit code: the new version failed its health check and the previous one runs again. */
    public static final int ROLLED_BACK = 10;
    /** Exit code: the new version failed, and the restored previous one does not answer either. */
    public static final int ROLLBACK_FAILED = 11;
    /** Exit code: a different kind of app runs here (a jar where a tarball was sent, or the other way round). */
    public static final int WRONG_KIND = 8;
    /** The prefix of the line that says which version runs. */
    public static final String RESULT = "DECKHAND-RESULT:";

    private RedeployScript() {
    }

    /**
     * @param port the port the app is to listen on; empty: the one the service uses now
     */
    public static List<String> commands(AppRuntime runtime, Artifact artifact, java.util.Optional<Integer> port,
                                        HealthCheck health) {
        List<String> lines = new ArrayList<>();
        lines.add("# Written by Deckhand: redeploys " + AppRuntime.SERVICE + " with a health check and automatic rollback.");
        lines.addAll(ScriptLibrary.values(runtime, artifact, port));
        lines.add("HEALTH_PATH=" + Shell.quote(health.shownPath()));
        lines.add("HEALTH_STRICT=" + Shell.quote(health.path().isPresent() ? "1" : ""));
        lines.add("HEALTH_TRIES=" + Shell.quote(Integer.toString(health.tries())));
        lines.add("HEALTH_INTERVAL=" + Shell.quote(Integer.toString(HealthCheck.INTERVAL_SECONDS)));
        lines.addAll(ScriptLibrary.common(runtime));
        lines.addAll(BODY.lines().toList());
        return lines;
    }

    private static final String BODY = """
            healthy() {
              n=0
              while [ "$n" -lt "$HEALTH_TRIES" ]; do
                code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$PORT$HEALTH_PATH" || true)
                case "$code" in
                  2??|3??) return 0 ;;
                  4??) if [ -z "$HEALTH_STRICT" ]; then return 0; fi ;;
                esac
                n=$((n + 1))
                sleep "$HEALTH_INTERVAL"
              done
              return 1
            }
            result() { printf 'DECKHAND-RESULT: %s\\n' "$*"; }
            [ -f "$R$UNIT" ] || die 3 "No deckhand-app service here: launch the instance with --app first."
            OLD_PORT=$(sed -n 's/^Environment=PORT=//p' "$R$UNIT" | head -n 1)
            if [ -z "$OLD_PORT" ]; then OLD_PORT=8080; fi
            if [ -z "$PORT" ]; then PORT=$OLD_PORT; fi
            installed=$(cat "$R$APP_DIR/kind" 2>/dev/null || true)
            if [ -z "$installed" ]; then
              if [ -f "$R$APP_DIR/app.jar" ]; then installed=spring; elif [ -f "$R$APP_DIR/app.tgz" ]; then installed=express; fi
            fi
            if [ -n "$installed" ] && [ "$installed" != "$APP_KIND" ]; then
              die 8 "this instance runs a $installed app; $ARTIFACT_NAME was sent as $APP_KIND. Nothing was replaced."
            fi
            detect_os
            resolve_exec
            PREVIOUS=$(cat "$R$APP_DIR/VERSION" 2>/dev/null || echo 'the previous version')
            fetch "$R$APP_DIR/$ARTIFACT_FILE.new"
            step "keeping $PREVIOUS as the rollback copy"
            if [ -f "$R$APP_DIR/$ARTIFACT_FILE" ]; then keep_previous; fi
            cp -p "$R$UNIT" "$R$UNIT.previous"
            if [ -f "$R$NGINX_CONF" ]; then cp -p "$R$NGINX_CONF" "$R$NGINX_CONF.previous"; fi
            mv "$R$APP_DIR/$ARTIFACT_FILE.new" "$R$APP_DIR/$ARTIFACT_FILE"
            place
            printf '%s\\n' "$ARTIFACT_NAME" > "$R$APP_DIR/VERSION"
            printf '%s\\n' "$APP_KIND" > "$R$APP_DIR/kind"
            chown -R deckhand-app:deckhand-app "$R$APP_DIR"
            write_unit
            if [ -f "$R$NGINX_CONF" ]; then
              sed "s#proxy_pass http://127.0.0.1:[0-9]*;#proxy_pass http://127.0.0.1:$PORT;#" "$R$NGINX_CONF.previous" > "$R$NGINX_CONF"
              nginx -t
              systemctl reload nginx
            fi
            systemctl daemon-reload
            step "restarting deckhand-app with $ARTIFACT_NAME on port $PORT"
            systemctl restart deckhand-app
            step "checking http://127.0.0.1:$PORT$HEALTH_PATH"
            if healthy; then
              printf '%s\\n' "$PREVIOUS" > "$R$APP_DIR/VERSION.previous"
              result "deployed $ARTIFACT_NAME; running on port $PORT; $PREVIOUS kept as the rollback copy"
              exit 0
            fi
            step "health check failed: $ARTIFACT_NAME did not answer on port $PORT$HEALTH_PATH"
            journalctl -u deckhand-app -n 20 --no-pager >&2 || true
            if ! has_previous; then
              result "failed: $ARTIFACT_NAME does not answer and there is no previous version to restore"
              exit 11
            fi
            step "rolling back to $PREVIOUS"
            PORT=$OLD_PORT
            restore_previous
            mv "$R$UNIT.previous" "$R$UNIT"
            if [ -f "$R$NGINX_CONF.previous" ]; then
              mv "$R$NGINX_CONF.previous" "$R$NGINX_CONF"
              systemctl reload nginx || true
            fi
            printf '%s\\n' "$PREVIOUS" > "$R$APP_DIR/VERSION"
            chown -R deckhand-app:deckhand-app "$R$APP_DIR"
            systemctl daemon-reload
            systemctl restart deckhand-app
            if healthy; then
              result "rolled back: $PREVIOUS runs again; $ARTIFACT_NAME failed its health check"
              exit 10
            fi
            result "rolled back to $PREVIOUS, but it does not answer either: check journalctl -u deckhand-app"
            exit 11
            """;
}
