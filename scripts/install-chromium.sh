#!/usr/bin/env bash
# install-chromium.sh - Debian's Chromium (+ chromedriver) for browser tests.
#
# Run as root on Debian bookworm. Idempotent: if /usr/bin/chromium and
# /usr/bin/chromedriver exist, nothing is installed; either way the installed
# versions are printed on stdout. Progress goes to stderr.
#
# Debian's own package is used rather than a browser downloaded by
# Puppeteer/Playwright: CI and developer machines here reach Debian's
# mirrors but not Google's download servers.
set -euo pipefail

case ${1:-} in
  -h | --help)
    echo "Usage: install-chromium.sh   (as root) - installs Debian's chromium and chromium-driver if missing"
    exit 0 ;;
  "") ;;
  *) echo "install-chromium.sh: unknown argument: $1" >&2; exit 1 ;;
esac

log() { printf 'install-chromium: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
((EUID == 0)) || die "run as root"

export DEBIAN_FRONTEND=noninteractive
APT_OPTS=(-q -y -o Acquire::Retries=3 -o DPkg::Lock::Timeout=120)

# Show the tail of apt's output only when it fails.
quiet() {
  local out rc
  out=$(mktemp)
  if "$@" >"$out" 2>&1; then
    rm -f "$out"
  else
    rc=$?
    log "command failed (exit $rc): $*"
    tail -n 40 "$out" | sed 's/^/    /' >&2
    rm -f "$out"
    return "$rc"
  fi
}

# (Not "apt-cache ... | grep -q": grep -q exits at the first match, apt-cache
# then dies of SIGPIPE and, with pipefail, the check would report failure.)
has_candidate() { [[ $(apt-cache policy "$1" 2>/dev/null) =~ Candidate:\ [^\(] ]]; }

start=$(date +%s%3N)
if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  log "chromium and chromedriver already installed"
else
  # Refresh the package lists only when they don't know chromium yet (fresh
  # images ship without lists). A failing third-party source (e.g. NodeSource,
  # unreachable from CI) must not stop us, hence "|| log".
  if ! has_candidate chromium || ! has_candidate chromium-driver; then
    log "apt-get update ..."
    quiet apt-get "${APT_OPTS[@]}" update || log "apt-get update reported errors (continuing)"
  fi
  log "installing chromium chromium-driver ..."
  # --no-install-recommends keeps it headless-sized (no extra fonts, themes, etc.).
  if ! quiet apt-get "${APT_OPTS[@]}" install --no-install-recommends chromium chromium-driver; then
    # Stale lists give 404s from the mirror: refresh once and retry.
    log "retrying after apt-get update"
    quiet apt-get "${APT_OPTS[@]}" update || true
    quiet apt-get "${APT_OPTS[@]}" install --no-install-recommends chromium chromium-driver
  fi
  end=$(date +%s%3N)
  log "installed in $(((end - start) / 1000)).$(((end - start) % 1000 / 100))s"
fi

# Print versions; --version needs no display and no sandbox.
/usr/bin/chromium --version
/usr/bin/chromedriver --version
