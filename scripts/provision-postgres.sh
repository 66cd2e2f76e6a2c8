#!/usr/bin/env bash
# provision-postgres.sh - a private PostgreSQL 15 + pgvector server for tests.
#
# Used by CI and by developers on Debian bookworm. Run as root. Idempotent:
# every step checks first and only does what is missing, so running it again
# costs about a second and simply re-prints the connection URL.
#
# What it does:
#   1. apt-installs postgresql-15 (and, only if pgvector must be built, the
#      build tools), skipping packages that are already installed;
#   2. if pgvector is missing, builds it from Debian trixie's source package
#      (bookworm has no pgvector package), using a private apt configuration
#      so the machine's own apt sources are never touched;
#   3. starts a private cluster as user postgres on a spare port (default
#      55432), leaving any system cluster (e.g. 15/main on 5432) alone;
#   4. creates the test database with the vector extension and checks it.
#
# Progress goes to stderr; the only stdout line is TEST_DATABASE_URL=...
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: provision-postgres.sh [options]        (run as root)

Provision (or reuse) a private PostgreSQL 15 cluster with pgvector and print
  TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:<port>/<db>
on stdout.

Options:
  --port PORT       TCP port of the private cluster (default: $PGPORT_TEST or 55432)
  --db NAME         database to create (default: dmcp_test)
  --base-dir DIR    where data, socket and log live (default: $DMCP_PG_BASE
                    or /var/tmp/dmcp-pg)
  --url-file FILE   also write the URL (just the URL, one line) to FILE
  --stop            stop the private cluster (data is kept) and exit
  -h, --help        show this help

Environment (mainly for testing the script itself):
  PGPORT_TEST             default port
  DMCP_PG_BASE            default base directory
  PG_SHARED_BUFFERS       shared_buffers when the cluster starts (default 512MB)
  DEBIAN_MIRROR           Debian mirror URL for the trixie deb-src entry
                          (default: derived from the system's apt sources)
  PGVECTOR_CONTROL_FILE   file whose absence triggers the pgvector build
                          (default: /usr/share/postgresql/15/extension/vector.control)
  PGVECTOR_DESTDIR        install the built pgvector under this staging root
                          instead of the live system (build test only)

To remove everything: provision-postgres.sh --stop && rm -rf <base-dir>
EOF
}

# --- settings --------------------------------------------------------------
PG_MAJOR=15
PGBIN=/usr/lib/postgresql/$PG_MAJOR/bin
PG_CONFIG=$PGBIN/pg_config
PORT=${PGPORT_TEST:-55432}
DB=dmcp_test
BASE=${DMCP_PG_BASE:-/var/tmp/dmcp-pg}
URL_FILE=
ACTION=provision
VECTOR_CONTROL=${PGVECTOR_CONTROL_FILE:-/usr/share/postgresql/$PG_MAJOR/extension/vector.control}
VECTOR_DESTDIR=${PGVECTOR_DESTDIR:-}

# --- small helpers ---------------------------------------------------------
log() { printf 'provision-postgres: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

now_ms() { date +%s%3N; }
fmt_secs() { printf '%d.%ds' $(($1 / 1000)) $(($1 % 1000 / 100)); }

# Each phase is timed so that slow steps show up in CI logs.
PHASE=
PHASE_START=0
T0=$(now_ms)
phase() { PHASE=$1; PHASE_START=$(now_ms); log "$PHASE ..."; }
phase_done() { log "$PHASE: ${1:-done} ($(fmt_secs $(($(now_ms) - PHASE_START))))"; PHASE=; }

# apt, make and friends are chatty: keep their output out of the way, but show
# its tail when they fail so a CI log still explains what went wrong.
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

# Commands that touch the cluster run as postgres (the server refuses root).
# cd first: postgres cannot read root's working directory, which would make
# initdb/pg_ctl print "could not change directory" warnings.
# 9>&-: do not hand the lock file (fd 9, below) to the server, or the
# long-lived postmaster would hold the lock and block every later run.
as_postgres() { (cd "$BASE" && runuser -u postgres -- "$@" 9>&-); }

WORK_DIR=
on_exit() {
  local rc=$?
  [[ -n $WORK_DIR ]] && rm -rf "$WORK_DIR"
  if ((rc != 0)) && [[ -n $PHASE ]]; then
    log "failed during: $PHASE (exit $rc)"
  fi
}
trap on_exit EXIT

# --- arguments -------------------------------------------------------------
while (($#)); do
  case $1 in
    --port) PORT=${2:?--port needs a value}; shift 2 ;;
    --port=*) PORT=${1#*=}; shift ;;
    --db) DB=${2:?--db needs a value}; shift 2 ;;
    --db=*) DB=${1#*=}; shift ;;
    --base-dir) BASE=${2:?--base-dir needs a value}; shift 2 ;;
    --base-dir=*) BASE=${1#*=}; shift ;;
    --url-file) URL_FILE=${2:?--url-file needs a value}; shift 2 ;;
    --url-file=*) URL_FILE=${1#*=}; shift ;;
    --stop) ACTION=stop; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done

if ! [[ $PORT =~ ^[0-9]+$ ]] || ((PORT < 1024 || PORT > 65535)); then die "invalid port: $PORT"; fi
# The name goes into SQL and into the URL unquoted: keep it to plain identifiers.
[[ $DB =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || die "invalid database name: $DB (use [a-z0-9_])"
# The paths are passed to the server inside pg_ctl -o "...": no spaces/quotes.
[[ $BASE =~ ^/[A-Za-z0-9._/-]+$ ]] || die "base dir must be an absolute path without spaces: $BASE"
((EUID == 0)) || die "run as root (it installs packages and runs the server as postgres)"

# The 100,000-server search bench keeps a ~200 MB HNSW index and as much vector data hot; the
# default 128MB would have every query read pages back from the OS cache.
SHARED_BUFFERS=${PG_SHARED_BUFFERS:-512MB}
[[ $SHARED_BUFFERS =~ ^[0-9]+(kB|MB|GB)$ ]] || die "invalid PG_SHARED_BUFFERS: $SHARED_BUFFERS (e.g. 512MB)"
DATA_DIR=$BASE/data
SOCKET_DIR=$BASE/run
LOG_DIR=$BASE/log
SERVER_LOG=$LOG_DIR/postgresql.log

# Serialise concurrent runs (e.g. two CI jobs on one runner): they would
# otherwise race on initdb, pg_ctl start and CREATE DATABASE.
mkdir -p "$BASE"
exec 9>"$BASE/.provision.lock"
if ! flock -n 9; then
  log "waiting for another run to release $BASE/.provision.lock"
  flock -w 300 9 || die "gave up waiting for $BASE/.provision.lock"
fi

# --- cluster helpers -------------------------------------------------------
cluster_running() {
  [[ -x $PGBIN/pg_ctl && -f $DATA_DIR/PG_VERSION ]] &&
    as_postgres "$PGBIN/pg_ctl" status -D "$DATA_DIR" >/dev/null 2>&1
}

# Line 4 of postmaster.pid is the port the running server listens on.
running_port() { sed -n 4p "$DATA_DIR/postmaster.pid"; }

# True if anything (PostgreSQL or not) accepts TCP connections on the port.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --- --stop ----------------------------------------------------------------
if [[ $ACTION == stop ]]; then
  phase "stop cluster in $DATA_DIR"
  if cluster_running; then
    quiet as_postgres "$PGBIN/pg_ctl" stop -D "$DATA_DIR" -m fast -w
    phase_done "stopped"
  else
    phase_done "not running"
  fi
  exit 0
fi

# --- 1. packages -----------------------------------------------------------
export DEBIAN_FRONTEND=noninteractive
APT_OPTS=(-q -y -o Acquire::Retries=3 -o DPkg::Lock::Timeout=120)

is_installed() { [[ $(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null) == installed ]]; }
# (Not "apt-cache ... | grep -q": grep -q exits at the first match, apt-cache
# then dies of SIGPIPE and, with pipefail, the check would report failure.)
has_candidate() { [[ $(apt-cache policy "$1" 2>/dev/null) =~ Candidate:\ [^\(] ]]; }

# apt-get update is slow-ish and can fail on third-party sources that are
# unreachable from CI (e.g. a NodeSource entry in a Node image), so it is only
# run when a wanted package has no candidate, and its failure is tolerated as
# long as the packages we need become available.
apt_install() {
  local p need_update=0
  for p in "$@"; do has_candidate "$p" || need_update=1; done
  if ((need_update)); then
    quiet apt-get "${APT_OPTS[@]}" update || log "apt-get update reported errors (continuing)"
  fi
  if ! quiet apt-get "${APT_OPTS[@]}" install --no-install-recommends "$@"; then
    # Stale package lists give 404s: refresh once and retry.
    log "retrying after apt-get update"
    quiet apt-get "${APT_OPTS[@]}" update || true
    quiet apt-get "${APT_OPTS[@]}" install --no-install-recommends "$@"
  fi
}

phase "packages"
WANT=("postgresql-$PG_MAJOR")
# Build tools are only needed when pgvector has to be built; an image that
# already has pgvector needs neither the compiler nor the clang/LLVM that
# postgresql-server-dev-15 pulls in.
if [[ ! -f $VECTOR_CONTROL ]]; then
  # postgresql-server-dev-15 has the headers and pgxs (it also drags in
  # clang-14/llvm-14-dev as hard dependencies); dpkg-dev provides
  # dpkg-source; make, gcc and libc6-dev are the part of build-essential
  # that is needed.
  WANT+=("postgresql-server-dev-$PG_MAJOR" make gcc libc6-dev dpkg-dev)
fi
MISSING=()
for p in "${WANT[@]}"; do is_installed "$p" || MISSING+=("$p"); done
if ((${#MISSING[@]})); then
  apt_install "${MISSING[@]}"
  phase_done "installed ${MISSING[*]}"
else
  phase_done "all present"
fi

# --- 2. pgvector -----------------------------------------------------------
# Find the Debian mirror the machine already uses (one-line sources.list or
# deb822 *.sources), so the trixie deb-src entry goes to the same (possibly
# internal/proxied) host instead of a hard-coded one.
derive_mirror() {
  if [[ -n ${DEBIAN_MIRROR:-} ]]; then
    echo "${DEBIAN_MIRROR%/}"
    return
  fi
  local codename found f
  # shellcheck disable=SC1091
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
  found=$(
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
      [[ -r $f ]] || continue
      awk -v s="$codename" '
        /^[[:space:]]*deb(-src)?[[:space:]]/ {
          sub(/\[[^]]*\]/, "")        # drop [options]; then $2=URI, $3=suite
          if ($3 == s && $2 ~ /^https?:\/\//) print $2
        }' "$f"
    done
    for f in /etc/apt/sources.list.d/*.sources; do
      [[ -r $f ]] || continue
      # deb822: stanzas separated by blank lines; we want the first http(s)
      # URI of an enabled stanza whose Suites include the release codename
      # (that excludes the separate security archive, whose suite is
      # <codename>-security).
      awk -v s="$codename" '
        function check() {
          if (en != "no" && (" " suites " ") ~ (" " s " ") && uri != "") print uri
          suites = ""; uri = ""; en = ""
        }
        /^[[:space:]]*#/ { next }
        /^[[:space:]]*$/ { check(); next }
        { key = tolower($1) }
        key == "uris:"    { for (i = 2; i <= NF; i++) if ($i ~ /^https?:\/\//) { uri = $i; break } }
        key == "suites:"  { $1 = ""; suites = $0 }
        key == "enabled:" { en = tolower($2) }
        END { check() }' "$f"
    done
  )
  found=${found%%$'\n'*}
  [[ -n $found ]] || die "no Debian '$codename' mirror found in /etc/apt sources; set DEBIAN_MIRROR"
  echo "${found%/}"
}

build_pgvector() {
  local mirror keyring signed_by="" src apt_priv t
  mirror=$(derive_mirror)
  keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  [[ -r $keyring ]] && signed_by="[signed-by=$keyring] "

  WORK_DIR=$(mktemp -d /tmp/dmcp-pgvector.XXXXXX)
  # apt downloads as the unprivileged _apt user: it must be able to reach
  # these directories, or apt falls back to root with a warning.
  chmod 755 "$WORK_DIR"
  mkdir -p "$WORK_DIR/apt/lists/partial" "$WORK_DIR/apt/cache/archives/partial" "$WORK_DIR/src"
  if getent passwd _apt >/dev/null; then chown _apt "$WORK_DIR/src"; fi

  # A private apt configuration: only a trixie deb-src entry, its own lists
  # and caches. The system's sources, lists and pkgcache stay untouched.
  printf 'deb-src %s%s trixie main\n' "$signed_by" "$mirror" >"$WORK_DIR/apt/sources.list"
  apt_priv=(
    -o "Dir::Etc::sourcelist=$WORK_DIR/apt/sources.list"
    -o Dir::Etc::sourceparts=/dev/null
    -o "Dir::State::Lists=$WORK_DIR/apt/lists"
    -o "Dir::Cache=$WORK_DIR/apt/cache"
  )
  t=$(now_ms)
  quiet apt-get "${APT_OPTS[@]}" "${apt_priv[@]}" update
  (cd "$WORK_DIR/src" && quiet apt-get "${APT_OPTS[@]}" "${apt_priv[@]}" source --download-only pgvector)

  # The .dsc's hashes were verified by apt against the signed trixie Release
  # file; dpkg-source may still warn that it cannot check the uploader's
  # signature (debian-keyring is not installed), which is harmless.
  (cd "$WORK_DIR/src" && quiet dpkg-source -x pgvector_*.dsc pgvector)
  src=$WORK_DIR/src/pgvector
  log "  fetched trixie source pgvector $(sed -n '1s/^[^(]*(\([^)]*\)).*/\1/p' "$src/debian/changelog") ($(fmt_secs $(($(now_ms) - t))))"
  t=$(now_ms)

  # OPTFLAGS="": never build with upstream's -march=native (Debian's
  # "no-native" patch removes it today; this keeps it so if the patch goes),
  # so the library also runs on other CPUs - CI images are often built on
  # one machine and used on another.
  # with_llvm=no: skip the JIT bitcode (.bc) files that pgxs would compile
  # with clang; the server just doesn't inline pgvector functions when JIT
  # kicks in. Measured here: 10 s instead of 15 s on 2 cores.
  local make_args=(PG_CONFIG="$PG_CONFIG" OPTFLAGS="" with_llvm=no)
  quiet make -C "$src" -j"$(nproc)" "${make_args[@]}"
  quiet make -C "$src" install "${make_args[@]}" ${VECTOR_DESTDIR:+DESTDIR="$VECTOR_DESTDIR"}
  [[ -f $VECTOR_DESTDIR$("$PG_CONFIG" --sharedir)/extension/vector.control ]] ||
    die "make install finished, but vector.control is not where expected"
  log "  compiled and installed ($(fmt_secs $(($(now_ms) - t))))"
}

phase "pgvector"
if [[ -f $VECTOR_CONTROL ]]; then
  phase_done "already installed ($(sed -n "s/^default_version *= *'\(.*\)'/\1/p" "$VECTOR_CONTROL"))"
else
  build_pgvector
  phase_done "built and installed${VECTOR_DESTDIR:+ into $VECTOR_DESTDIR}"
fi

# --- 3. private cluster ----------------------------------------------------
phase "cluster on 127.0.0.1:$PORT"
install -d -m 0755 -o postgres -g postgres "$SOCKET_DIR" "$LOG_DIR"
install -d -m 0700 -o postgres -g postgres "$DATA_DIR"

if [[ -f $DATA_DIR/PG_VERSION ]]; then
  [[ $(cat "$DATA_DIR/PG_VERSION") == "$PG_MAJOR" ]] ||
    die "$DATA_DIR holds a PostgreSQL $(cat "$DATA_DIR/PG_VERSION") cluster; remove $BASE or use --base-dir"
  state="existing data dir"
elif [[ -z $(ls -A "$DATA_DIR") ]]; then
  # Trust auth is fine here: the server only listens on loopback and on a
  # socket under $BASE, and it only ever holds throw-away test data.
  # C.UTF-8 always exists on Debian (no locales package needed) and, unlike
  # plain C, classifies non-ASCII letters for full-text search.
  quiet as_postgres "$PGBIN/initdb" -D "$DATA_DIR" -U postgres --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8
  state="initdb"
else
  die "$DATA_DIR is not empty but has no PG_VERSION (interrupted initdb?); remove it and re-run"
fi

if cluster_running; then
  rp=$(running_port)
  [[ $rp == "$PORT" ]] || die "the cluster in $DATA_DIR already runs on port $rp; use --port $rp or --stop first"
  state+=", already running"
else
  # Never share a port with another server (e.g. the system cluster on 5432).
  port_in_use "$PORT" && die "port $PORT is already used by another process; pick another with --port"
  # Port, socket dir and listen address are given on the command line rather
  # than written into postgresql.conf, so --port can change between runs.
  if ! quiet as_postgres "$PGBIN/pg_ctl" start -D "$DATA_DIR" -l "$SERVER_LOG" -w -t 60 \
    -o "-p $PORT -k $SOCKET_DIR -c listen_addresses=127.0.0.1 -c shared_buffers=$SHARED_BUFFERS"; then
    tail -n 20 "$SERVER_LOG" | sed 's/^/    /' >&2
    die "server did not start; log: $SERVER_LOG"
  fi
  state+=", started"
fi
phase_done "$state"

# --- 4. database + extension -----------------------------------------------
phase "database $DB"
# client_min_messages=warning hides "extension already exists, skipping".
PSQL=(env PGOPTIONS=--client-min-messages=warning "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres)
if [[ $("${PSQL[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'") == 1 ]]; then
  state="exists"
else
  "${PSQL[@]}" -d postgres -c "CREATE DATABASE $DB"
  state="created"
fi
"${PSQL[@]}" -d "$DB" -c "CREATE EXTENSION IF NOT EXISTS vector"
# A real query proves the shared library loads, not just that the catalog
# entry exists. Euclidean distance between these two vectors is exactly 1.
dist=$("${PSQL[@]}" -d "$DB" -tAc "SELECT '[1,2,3]'::vector <-> '[1,2,4]'::vector")
[[ $dist == 1 ]] || die "vector check returned '$dist', expected 1"
vver=$("${PSQL[@]}" -d "$DB" -tAc "SELECT extversion FROM pg_extension WHERE extname = 'vector'")
phase_done "$state, vector $vver ok"

# --- 5. result -------------------------------------------------------------
URL="postgresql://postgres@127.0.0.1:$PORT/$DB"
if [[ -n $URL_FILE ]]; then
  mkdir -p "$(dirname "$URL_FILE")"
  printf '%s\n' "$URL" >"$URL_FILE.tmp.$$" && mv -f "$URL_FILE.tmp.$$" "$URL_FILE"
  log "URL written to $URL_FILE"
fi
stop_hint="$0 --stop"
[[ $BASE == /var/tmp/dmcp-pg ]] || stop_hint+=" --base-dir $BASE"
log "ready in $(fmt_secs $(($(now_ms) - T0))); stop with: $stop_hint"
echo "TEST_DATABASE_URL=$URL"
