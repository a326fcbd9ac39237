#!/usr/bin/env bash
# HTTP scenarios of `make bench` (issue 8): the release server and nginx, each on a free 127.0.0.1 port, measured
# with wrk for BENCH_DURATION seconds at each of BENCH_CONCURRENCY. Prints a table and writes it into BENCHMARKS.md
# under "## HTTP scenarios" (replacing the previous run's section). Stops everything it started on exit.
#
#   scripts/bench/run.sh                      # after `swift build -c release --product binhdan`
#   BENCH_DURATION=2 BENCH_CONCURRENCY="1 16" BINHDAN_BIN=path/to/binhdan scripts/bench/run.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
BIN="${BINHDAN_BIN:-$ROOT/.build/release/binhdan}"
DURATION="${BENCH_DURATION:-5}"
CONCURRENCY="${BENCH_CONCURRENCY:-1 16 64}"
SIGNIN_CONCURRENCY="${BENCH_SIGNIN_CONCURRENCY:-1 16}"
REPORT="${BENCH_OUTPUT:-$ROOT/BENCHMARKS.md}"
COURSE=vneid-co-ban
LESSON=vneid-la-gi
CORES="$(nproc)"
HERE="scripts/bench"

if [ ! -x "$BIN" ]; then echo "run.sh: no server binary at $BIN (swift build -c release --product binhdan)" >&2; exit 1; fi
if ! command -v wrk >/dev/null 2>&1 || { ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; }; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    echo "Installing wrk and nginx with apt-get"
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx >/dev/null
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

WORK="$(mktemp -d /tmp/binhdan-bench.XXXXXX)"
chmod 755 "$WORK" # nginx's workers run as nobody when started by root
SERVER_PID=""
NGINX_PID=""
cleanup() {
    local status=$?
    [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    rm -rf "$WORK"
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_for() { # URL: up to 20 s
    for _ in $(seq 1 200); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
    echo "run.sh: $1 did not answer" >&2; return 1
}
kib() { awk -v k="$1" '/^'"$1"':/ {print $2}' "/proc/$SERVER_PID/status"; }
mib() { awk -v k="$1" 'BEGIN {printf "%.0f MB", k / 1024}'; }

# The server: a fresh database with the sample units and officials (for sign-in), the sample catalogue.
PORT="$(free_port)"
DB="$WORK/bench.sqlite"
"$BIN" units import Samples/units.csv --database "$DB" >/dev/null
"$BIN" users import Samples/officials.csv --database "$DB" >/dev/null
"$BIN" serve --host 127.0.0.1 --port "$PORT" --database "$DB" --log-level warning >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
BASE="http://127.0.0.1:$PORT"
wait_for "$BASE/healthz"
sleep 1
IDLE_RSS="$(kib VmRSS)"

# A citizen's session: the token goes in the cookie (pages) or as a Bearer token (progress).
TOKEN="$(curl -fsS -X POST -H 'Content-Type: application/json' -d '{"name":"Người đo hiệu năng"}' \
    "$BASE/api/v1/citizens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
export BENCH_SESSION="$TOKEN" BENCH_COURSE="$COURSE" BENCH_LESSON="$LESSON"

# nginx: its own prefix and config, serving the signed-in learner's lesson page bytes as the server rendered them.
NGINX_PORT="$(free_port)"
mkdir -p "$WORK/nginx/html" "$WORK/nginx/logs" "$WORK/nginx/tmp"
curl -fsS -H "Cookie: binhdan_session=$TOKEN" -o "$WORK/nginx/html/lesson.html" "$BASE/courses/$COURSE/$LESSON"
LESSON_BYTES="$(wc -c <"$WORK/nginx/html/lesson.html")"
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $WORK/nginx/html;
        location / { default_type "text/html; charset=utf-8"; try_files /lesson.html =404; }
    }
}
EOF
"$NGINX" -p "$WORK/nginx" -e "$WORK/nginx/logs/error.log" -c "$WORK/nginx/nginx.conf" &
NGINX_PID=$!
wait_for "http://127.0.0.1:$NGINX_PORT/courses/$COURSE/$LESSON" || { cat "$WORK/nginx/logs/error.log" >&2; exit 1; }

# Check the progress batch is accepted whole before timing it.
export BENCH_NONCE="check$$"
ACCEPTED="$(curl -fsS -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
    -d "{\"events\":[{\"id\":\"bench-check-$$-1\",\"type\":\"opened\",\"courseId\":\"$COURSE\",\"lessonId\":\"$LESSON\",\"at\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\"}]}" \
    "$BASE/api/v1/progress" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accepted"])')"
[ "$ACCEPTED" = 1 ] || { echo "run.sh: a progress event was not accepted" >&2; exit 1; }

# wrk's "--latency" figures in milliseconds.
to_ms() { awk '{v=$1; u=v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
    if (u=="us") v/=1000; else if (u=="s") v*=1000; else if (u=="m") v*=60000; printf "%.2f", v}'; }

ROWS="$WORK/rows.tsv"
: >"$ROWS"
# scenario  concurrency  kind(read|nginx|other)  url  [lua script]
run_scenario() {
    local name="$1" conns="$2" kind="$3" url="$4" script="${5:-}"
    local threads=$(( conns < CORES ? conns : CORES ))
    local args=(-t "$threads" -c "$conns" -d "${DURATION}s" --latency)
    [ -n "$script" ] && args+=(-s "$script")
    export BENCH_NONCE="$(date +%s%N)-$conns"
    echo 5 >"/proc/$SERVER_PID/clear_refs"
    local out; out="$(wrk "${args[@]}" "$url")"
    local rps p50 p99 errors peak
    rps="$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")"
    p50="$(awk '$1=="50%" {print $2}' <<<"$out" | to_ms)"
    p99="$(awk '$1=="99%" {print $2}' <<<"$out" | to_ms)"
    errors="$(awk '/Non-2xx or 3xx responses:/ {n+=$NF} /Socket errors:/ {for (i=3;i<=NF;i++) if ($i ~ /^[0-9]+,?$/) n+=$i} END {print n+0}' <<<"$out")"
    peak="$(kib VmHWM)"
    [ "$kind" = nginx ] && peak=""
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$conns" "$kind" "$rps" "$p50" "$p99" "$errors" "$peak" >>"$ROWS"
    printf '  %-28s c=%-3s %8s req/s  p50 %8s ms  p99 %8s ms  errors %s\n' "$name" "$conns" "$rps" "$p50" "$p99" "$errors" >&2
}

echo "HTTP scenarios: ${DURATION} s each at concurrencies $CONCURRENCY on $CORES cores" >&2
for c in $CONCURRENCY; do
    run_scenario "nginx, same lesson bytes" "$c" nginx "http://127.0.0.1:$NGINX_PORT/courses/$COURSE/$LESSON"
    run_scenario "catalogue page" "$c" read "$BASE/"
    run_scenario "lesson page, anonymous" "$c" read "$BASE/courses/$COURSE/$LESSON"
    run_scenario "lesson page, signed in" "$c" read "$BASE/courses/$COURSE/$LESSON" "$HERE/session.lua"
    run_scenario "lesson JSON" "$c" read "$BASE/api/v1/courses/$COURSE/lessons/$LESSON"
    BENCH_EVENTS=20 run_scenario "progress POST, 20 events" "$c" progress "$BASE/api/v1/progress" "$HERE/progress.lua"
done
for c in $SIGNIN_CONCURRENCY; do
    run_scenario "sign-in (Bcrypt)" "$c" signin "$BASE/api/v1/sessions" "$HERE/signin.lua"
done

# The table: ratios to nginx at the same concurrency for the read path; events per second for progress.
TABLE="$(awk -F'\t' '
    { name[NR]=$1; c[NR]=$2; kind[NR]=$3; rps[NR]=$4; p50[NR]=$5; p99[NR]=$6; err[NR]=$7; peak[NR]=$8
      if ($3=="nginx") limit[$2]=$4 }
    function fmt(n,   s, r) { s=sprintf("%d", n); r=""; while (length(s) > 3) { r="," substr(s, length(s)-2) r; s=substr(s, 1, length(s)-3) } return s r }
    END {
        print "| scenario | concurrency | requests/s | p50 | p99 | ratio to nginx | peak resident size | errors |"
        print "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
        for (i=1; i<=NR; i++) {
            ratio="";
            if (kind[i]=="read" && limit[c[i]] > 0) ratio=sprintf("%.2f", rps[i]/limit[c[i]])
            if (kind[i]=="progress") ratio=fmt(rps[i]*20) " events/s"
            mem = peak[i]=="" ? "" : sprintf("%.0f MB", peak[i]/1024)
            printf "| %s | %d | %s | %s ms | %s ms | %s | %s | %d |\n", name[i], c[i], fmt(rps[i]), p50[i], p99[i], ratio, mem, err[i]
        }
    }' "$ROWS")"

DATE="$(date -u +%Y-%m-%d)"
CPU="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
SECTION="$WORK/section.md"
cat >"$SECTION" <<EOF
## HTTP scenarios ($DATE)

Command: \`make bench\`, which after the unit report runs \`scripts/bench/run.sh\` on a machine with $CORES cores
($CPU), wrk on the same machine. It starts \`.build/release/binhdan serve --host 127.0.0.1 --port <free port>
--database <temporary> --log-level warning\` on a fresh database holding the sample units and officials
(\`binhdan units import Samples/units.csv\`, \`binhdan users import Samples/officials.csv\`) and the sample catalogue,
and nginx (\`$NGINX -p <temporary> -c <temporary>/nginx.conf\`, \`worker_processes auto\`, \`access_log off\`) on
another 127.0.0.1 port, serving the $LESSON_BYTES bytes of the signed-in lesson page
\`/courses/$COURSE/$LESSON\` as the server rendered them. Each row is
\`wrk -t min(c,$CORES) -c c -d ${DURATION}s --latency [-s scripts/bench/<script>.lua] <url>\`: the catalogue \`/\`,
the lesson page anonymous and with a citizen's session cookie (\`session.lua\`, session from
\`POST /api/v1/citizens\`), the lesson JSON \`/api/v1/courses/$COURSE/lessons/$LESSON\`, progress batches of 20
\`opened\` events with unique ids (\`progress.lua\`, Bearer token), and sign-in of a sample official
(\`signin.lua\`, bounded by Bcrypt, reported separately). The ratio is to nginx's rate at the same concurrency
in the same run. Peak resident size is the server's \`VmHWM\` during the row (reset with \`echo 5 >
/proc/<pid>/clear_refs\` before it); idle after start: $(mib "$IDLE_RSS"). Errors are non-2xx answers and socket
errors. Load average when the table was written: $LOAD (other work on the machine skews absolute numbers more
than ratios). Not yet covered here: the synthetic province (100,000 officials), a guided step page, quizzes, search,
the unit report over HTTP, certificate verification, 1-event progress batches, and the bare SQLite writer.

$TABLE
EOF

echo >&2
cat "$SECTION"

# Replace the previous run's section (from its heading to the next "## " heading), or append one.
python3 - "$REPORT" "$SECTION" <<'EOF'
import re, sys
path, section = sys.argv[1], open(sys.argv[2], encoding="utf-8").read().rstrip("\n") + "\n"
text = open(path, encoding="utf-8").read()
pattern = re.compile(r"^## HTTP scenarios.*?(?=^## (?!#)|\Z)", re.S | re.M)
if pattern.search(text):
    text = pattern.sub(lambda _: section + "\n", text, count=1).rstrip("\n") + "\n"
else:
    text = text.rstrip("\n") + "\n\n" + section
open(path, "w", encoding="utf-8").write(text)
EOF
echo "Wrote the HTTP scenarios to $REPORT" >&2
