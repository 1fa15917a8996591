package dev.deckhand.deploy;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts the first-boot script and the redeploy script share, as POSIX sh: they run under dash
 * (Ubuntu's {@code sh}, which SSM's AWS-RunShellScript uses) as well as bash (Amazon Linux's {@code sh}).
 * No bash-only syntax: no {@code pipefail}, no {@code [[ ]]}, no arrays, no process substitution.
 *
 * <p>Every path a script writes goes under {@code $DECKHAND_ROOT} (empty on an instance) and the OS is read
 * from {@code $DECKHAND_OS_RELEASE} (default {@code /etc/os-release}), so tests run the scripts in a scratch
 * directory with stub commands on PATH. The values come first, each single-quoted by {@link Shell#quote}.
 */
final class ScriptLibrary {

    static final String APP_DIR = "/opt/deckhand-app";
    static final String NGINX_CONF = "/etc/nginx/conf.d/deckhand-app.conf";

    private ScriptLibrary() {
    }

    /** The values a script works with, each a single-quoted word; an empty port: keep the service's. */
    static List<String> values(AppRuntime runtime, Artifact artifact, java.util.Optional<Integer> port) {
        List<String> lines = new ArrayList<>();
        lines.add("APP_KIND=" + Shell.quote(runtime.label()));
        lines.add("ARTIFACT_URL=" + Shell.quote(artifact.url()));
        lines.add("ARTIFACT_NAME=" + Shell.quote(artifact.fileName()));
        lines.add("ARTIFACT_SHA256=" + Shell.quote(artifact.sha256().orElse("")));
        lines.add("ARTIFACT_FILE=" + Shell.quote(runtime.artifactFile()));
        lines.add("ARTIFACT_MAGIC=" + Shell.quote(runtime.magic()));
        lines.add("CURL_PROTO=" + Shell.quote(artifact.curlProtocols()));
        lines.add("PORT=" + Shell.quote(port.map(String::valueOf).orElse("")));
        return lines;
    }

    /** Shell options, paths and the functions both scripts use. */
    static List<String> common(AppRuntime runtime) {
        List<String> lines = new ArrayList<>(COMMON.lines().toList());
        lines.add("install_runtime() {");
        lines.add("  step \"installing the " + runtime.label() + " runtime\"");
        lines.add("  case \"$OS\" in");
        lines.add("    dnf) pkg_install " + String.join(" ", runtime.dnfPackages()) + " ;;");
        lines.add("    apt) pkg_install " + String.join(" ", runtime.aptPackages()) + " ;;");
        lines.add("  esac");
        lines.add("}");
        if (runtime == AppRuntime.SPRING) {
            lines.addAll(SPRING.lines().toList());
        } else {
            lines.addAll(EXPRESS.lines().toList());
        }
        return lines;
    }

    private static final String COMMON = """
            set -eu
            R="${DECKHAND_ROOT:-}"
            APP_DIR=%s
            UNIT=/etc/systemd/system/deckhand-app.service
            NGINX_CONF=%s
            step() { printf '==> %%s\\n' "$*"; }
            die() { code=$1; shift; printf 'deckhand: %%s\\n' "$*" >&2; exit "$code"; }
            detect_os() {
              os_file="${DECKHAND_OS_RELEASE:-/etc/os-release}"
              [ -r "$os_file" ] || die 5 "cannot read $os_file to tell the OS; Deckhand supports Amazon Linux 2023 and Ubuntu LTS"
              os_id=$(sed -n 's/^ID=//p' "$os_file" | tr -d '"' | head -n 1)
              case "$os_id" in
                amzn) OS=dnf ;;
                ubuntu|debian) OS=apt ;;
                *) die 5 "unsupported OS '$os_id': Deckhand supports Amazon Linux 2023 (dnf) and Ubuntu LTS (apt-get)" ;;
              esac
              step "OS: $os_id ($OS)"
            }
            APT_UPDATED=
            pkg_install() {
              case "$OS" in
                dnf) dnf install -y "$@" ;;
                apt)
                  if [ -z "$APT_UPDATED" ]; then apt-get update -y; APT_UPDATED=1; fi
                  DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" ;;
              esac
            }
            fetch() {
              dest=$1
              step "downloading $ARTIFACT_NAME"
              rm -f "$dest"
              case "$ARTIFACT_URL" in
                s3://*)
                  if ! command -v aws >/dev/null 2>&1; then
                    case "$OS" in
                      apt) snap install aws-cli --classic ;;
                      dnf) pkg_install awscli-2 ;;
                    esac
                  fi
                  aws s3 cp --only-show-errors "$ARTIFACT_URL" "$dest" ;;
                *) curl -fsSL --retry 3 --proto "$CURL_PROTO" --proto-redir "$CURL_PROTO" -o "$dest" "$ARTIFACT_URL" ;;
              esac
              [ -s "$dest" ] || die 6 "the download of $ARTIFACT_NAME is empty; nothing was replaced"
              if [ -n "$ARTIFACT_SHA256" ]; then
                sum=$(sha256sum "$dest" | cut -d ' ' -f 1)
                if [ "$sum" != "$ARTIFACT_SHA256" ]; then
                  rm -f "$dest"
                  die 7 "$ARTIFACT_NAME has SHA-256 $sum, not $ARTIFACT_SHA256; nothing was replaced"
                fi
                step "SHA-256 verified"
              fi
              magic=$(od -An -tx1 -N 2 "$dest" | tr -d ' \\n')
              if [ "$magic" != "$ARTIFACT_MAGIC" ]; then
                rm -f "$dest"
                die 8 "$ARTIFACT_NAME is not a $APP_KIND artifact (a $APP_KIND app is a $ARTIFACT_FILE); nothing was replaced"
              fi
            }
            write_unit() {
              mkdir -p "$R/etc/systemd/system"
              cat > "$R$UNIT" <<UNIT_FILE
            [Unit]
            Description=App deployed by Deckhand
            After=network-online.target
            Wants=network-online.target
            [Service]
            User=deckhand-app
            WorkingDirectory=$APP_DIR
            Environment=PORT=$PORT
            Environment=SERVER_PORT=$PORT
            Environment=NODE_ENV=production
            ExecStart=$EXEC_START
            Restart=always
            [Install]
            WantedBy=multi-user.target
            UNIT_FILE
            }
            """.formatted(APP_DIR, NGINX_CONF);

    /** A jar is used as downloaded. */
    private static final String SPRING = """
            resolve_exec() {
              java_bin=$(command -v java) || die 9 "java is not installed"
              EXEC_START="$java_bin -jar $APP_DIR/app.jar"
            }
            place() {
              :
            }
            keep_previous() {
              cp -p "$R$APP_DIR/app.jar" "$R$APP_DIR/app.jar.previous"
            }
            restore_previous() {
              mv "$R$APP_DIR/app.jar.previous" "$R$APP_DIR/app.jar"
            }
            has_previous() {
              [ -f "$R$APP_DIR/app.jar.previous" ]
            }
            """;

    /** A tarball is unpacked next to the running copy and swapped in whole. */
    private static final String EXPRESS = """
            resolve_exec() {
              npm_bin=$(command -v npm || command -v npm-20) || die 9 "npm is not installed"
              EXEC_START="$npm_bin start --prefix $APP_DIR/current"
            }
            place() {
              rm -rf "$R$APP_DIR/current.new"
              mkdir -p "$R$APP_DIR/current.new"
              tar -xzf "$R$APP_DIR/app.tgz" -C "$R$APP_DIR/current.new" --strip-components=1
              (cd "$R$APP_DIR/current.new" && "$npm_bin" install --omit=dev --no-audit --no-fund)
              rm -rf "$R$APP_DIR/current.previous"
              if [ -d "$R$APP_DIR/current" ]; then mv "$R$APP_DIR/current" "$R$APP_DIR/current.previous"; fi
              mv "$R$APP_DIR/current.new" "$R$APP_DIR/current"
            }
            keep_previous() {
              cp -p "$R$APP_DIR/app.tgz" "$R$APP_DIR/app.tgz.previous"
            }
            restore_previous() {
              mv "$R$APP_DIR/app.tgz.previous" "$R$APP_DIR/app.tgz"
              rm -rf "$R$APP_DIR/current"
              mv "$R$APP_DIR/current.previous" "$R$APP_DIR/current"
            }
            has_previous() {
              [ -f "$R$APP_DIR/app.tgz.previous" ] && [ -d "$R$APP_DIR/current.previous" ]
            }
            """;
}
