#!/usr/bin/env bash
# The scenarios of `make bench` (issue 8), side by side with the limits of this machine measured in the same run:
#
# 1. A synthetic province in a fresh database (`binhdan bench province`: 100 communes and wards, BENCH_OFFICIALS
#    officials, BENCH_CITIZENS citizens, their progress events, lesson summaries, attempts and certificates).
# 2. The write path's limit: scripts/bench/sqlite-writer.c, the server's progress statements straight through
#    SQLite's C API with the same durability, batched as the server's group commit batches them.
# 3. Start-up: the release server from launch to its first answer, on the sample catalogue and on a generated one
#    of BENCH_STARTUP_LESSONS lessons.
# 4. HTTP scenarios with wrk for BENCH_DURATION seconds at each of BENCH_CONCURRENCY, against the release server on
#    that province, and nginx serving the same rendered lesson bytes on another port (the read path's limit).
# 5. The engine's micro-benchmarks (binhdan-microbench).
# Prints the tables and writes them into BENCHMARKS.md under "## HTTP scenarios" (replacing the previous run's
# section). Everything listens on 127.0.0.1 only, and everything started is stopped on exit.
#
#   scripts/bench/run.sh        # after swift build -c release --product binhdan (and --product binhdan-microbench)
#   BENCH_DURATION=2 BENCH_CONCURRENCY="1 16" BENCH_OFFICIALS=10000 BENCH_CITIZENS=5000 scripts/bench/run.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
BIN="${BINHDAN_BIN:-$ROOT/.build/release/binhdan}"
MICRO="${BINHDAN_MICROBENCH:-$ROOT/.build/release/binhdan-microbench}"
DURATION="${BENCH_DURATION:-5}"
CONCURRENCY="${BENCH_CONCURRENCY:-1 16 64}"
SIGNIN_CONCURRENCY="${BENCH_SIGNIN_CONCURRENCY:-1 16}"
REPORT_CONCURRENCY="${BENCH_REPORT_CONCURRENCY:-1 4}"
OFFICIALS="${BENCH_OFFICIALS:-100000}"
CITIZENS="${BENCH_CITIZENS:-50000}"
STARTUP_LESSONS="${BENCH_STARTUP_LESSONS:-1000}"
PASSWORD=bench-binhdan
REPORT="${BENCH_OUTPUT:-$ROOT/BENCHMARKS.md}"
COURSE=vneid-co-ban
LESSON=vneid-la-gi
GUIDED=cai-dat-va-kich-hoat
QUIZ=vneid-co-ban-kiem-tra
SEARCH="dang%20nhap%20vneid"
CORES="$(nproc)"
HERE="scripts/bench"

for binary in "$BIN" "$MICRO"; do
    if [ ! -x "$binary" ]; then
        echo "run.sh: no $binary (swift build -c release --product $(basename "$binary"))" >&2; exit 1
    fi
done
CC="${CC:-$(command -v cc || command -v gcc || command -v clang || true)}"
if ! command -v wrk >/dev/null 2>&1 || { ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; } || [ -z "$CC" ]; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    echo "Installing wrk, nginx and gcc with apt-get"
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx gcc >/dev/null
    CC="$(command -v cc || command -v gcc)"
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

WORK="$(mktemp -d /tmp/binhdan-bench.XXXXXX)"
chmod 755 "$WORK" # nginx's workers run as nobody when started by root
SERVER_PID=""
NGINX_PID=""
OTHER_PID=""
cleanup() {
    local status=$?
    for pid in "$NGINX_PID" "$SERVER_PID" "$OTHER_PID"; do
        [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    done
    rm -rf "$WORK"
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_for() { # URL: up to 30 s
    for _ in $(seq 1 3000); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.01; done
    echo "run.sh: $1 did not answer" >&2; return 1
}
kib() { awk '/^'"$1"':/ {print $2}' "/proc/$SERVER_PID/status"; }
mib() { awk -v k="$1" 'BEGIN {printf "%.0f MB", k / 1024}'; }
now_ms() { date +%s%3N; }
json() { python3 -c 'import json,sys; print(json.load(sys.stdin)'"$1"')'; }
thousands() { awk -v n="$1" 'BEGIN { s=sprintf("%d", n); r=""; while (length(s) > 3) { r="," substr(s, length(s)-2) r; s=substr(s, 1, length(s)-3) } print s r }'; }

# 1. The synthetic province.
DB="$WORK/province.sqlite"
echo "Filling a synthetic province ($OFFICIALS officials, $CITIZENS citizens)" >&2
PROVINCE_OUT="$("$BIN" bench province --database "$DB" --officials "$OFFICIALS" --citizens "$CITIZENS" --password "$PASSWORD")"
PROVINCE="$(head -1 <<<"$PROVINCE_OUT")"
CERTIFICATE="$(awk '/^certificate: / {print $2}' <<<"$PROVINCE_OUT")"
echo "  $PROVINCE" >&2
# The first synthetic citizen, for the bare writer.
BARE_LEARNER="$(printf 'bench%011d' "$OFFICIALS")"

# 2. The bare SQLite writer, on the same file before the server opens it: per concurrency c, transactions of c
# requests of 1 and of 20 events, which is what the group commit makes of c clients at once.
"$CC" -O2 -o "$WORK/sqlite-writer" "$HERE/sqlite-writer.c" -lsqlite3
BARE="$WORK/bare.tsv"
: >"$BARE"
for c in $CONCURRENCY; do
    for events in 1 20; do
        rate="$("$WORK/sqlite-writer" "$DB" "$BARE_LEARNER" 3 "$events" "$c" | awk '{print $1}')"
        printf '%s\t%s\t%s\n' "$c" "$events" "$rate" >>"$BARE"
        echo "  bare SQLite writer: $c x $events events a transaction: $rate events/s" >&2
    done
done

# 3. Start-up: from launch to the first answer of /healthz.
start_server() { # DB COURSES ASSESSMENTS PORT LOG: sets STARTED_PID and STARTUP_MS
    local begin; begin="$(now_ms)"
    "$BIN" serve --host 127.0.0.1 --port "$4" --database "$1" --courses "$2" --assessments "$3" --log-level warning \
        >"$5" 2>&1 &
    STARTED_PID=$!
    wait_for "http://127.0.0.1:$4/healthz"
    STARTUP_MS=$(( $(now_ms) - begin ))
}
"$MICRO" catalogue --lessons "$STARTUP_LESSONS" --output "$WORK/generated" >/dev/null
GENERATED_PORT="$(free_port)"
start_server "$WORK/generated.sqlite" "$WORK/generated/Courses" "$WORK/generated/Assessments" "$GENERATED_PORT" \
    "$WORK/generated.log"
OTHER_PID=$STARTED_PID
STARTUP_GENERATED=$STARTUP_MS
kill "$OTHER_PID" && wait "$OTHER_PID" 2>/dev/null || true
OTHER_PID=""

PORT="$(free_port)"
start_server "$DB" Courses Assessments "$PORT" "$WORK/server.log"
SERVER_PID=$STARTED_PID
STARTUP_SAMPLE=$STARTUP_MS
echo "  start-up: sample catalogue ${STARTUP_SAMPLE} ms, generated $STARTUP_LESSONS lessons ${STARTUP_GENERATED} ms" >&2
BASE="http://127.0.0.1:$PORT"
sleep 1
IDLE_RSS="$(kib VmRSS)"

# Sessions: a new citizen (pages, progress, quizzes), the province's supervisor (the report), and an official who
# signs in again and again (Bcrypt).
CITIZEN="$(curl -fsS -X POST -H 'Content-Type: application/json' -d '{"name":"Người đo hiệu năng"}' \
    "$BASE/api/v1/citizens" | json '["token"]')"
SUPERVISOR="$(curl -fsS -X POST -H 'Content-Type: application/json' \
    -d "{\"username\":\"bench-supervisor\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/sessions" | json '["token"]')"
export BENCH_COURSE="$COURSE" BENCH_LESSON="$LESSON" BENCH_QUIZ="$QUIZ"
export BENCH_USERNAME=bench0 BENCH_PASSWORD="$PASSWORD"

# Answers to every question of the quiz, from one attempt: the first choice, true, a number, the first option.
BENCH_RESPONSES="$(curl -fsS -X POST -H "Authorization: Bearer $CITIZEN" "$BASE/api/v1/quizzes/$QUIZ/attempts" |
    python3 -c '
import json, sys
attempt = json.load(sys.stdin)
answers = {}
for q in attempt["questions"]:
    kind = q["type"]
    if kind == "multichoice": answers[q["id"]] = [q["choices"][0]["id"]] if q.get("multiple") else q["choices"][0]["id"]
    elif kind == "truefalse": answers[q["id"]] = True
    elif kind == "numerical": answers[q["id"]] = "12"
    elif kind == "matching": answers[q["id"]] = {str(p["id"]): q["options"][0]["id"] for p in q["prompts"]}
    elif kind in ("shortanswer", "essay"): answers[q["id"]] = "VNeID"
print(json.dumps({"responses": answers}))')"
export BENCH_RESPONSES
# The quiz's learners: one citizen per wrk connection (64 at most).
QUIZ_CONCURRENCY="$(tr ' ' '\n' <<<"$CONCURRENCY" | sort -n | tail -1)"
BENCH_SESSIONS="$(for _ in $(seq 1 "$QUIZ_CONCURRENCY"); do
    curl -fsS -X POST -H 'Content-Type: application/json' -d '{"name":"Học viên làm bài"}' "$BASE/api/v1/citizens" | json '["token"]'
done | paste -sd, -)"
export BENCH_SESSIONS

# nginx: its own prefix and config, serving the signed-in learner's lesson page bytes as the server rendered them.
NGINX_PORT="$(free_port)"
mkdir -p "$WORK/nginx/html" "$WORK/nginx/logs" "$WORK/nginx/tmp"
curl -fsS -H "Cookie: binhdan_session=$CITIZEN" -o "$WORK/nginx/html/lesson.html" "$BASE/courses/$COURSE/$LESSON"
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

# Every URL answers before it is timed.
for url in "$BASE/" "$BASE/courses/$COURSE/$GUIDED/steps/2" "$BASE/api/v1/search?q=$SEARCH" "$BASE/verify/$CERTIFICATE"; do
    curl -fsS -o /dev/null "$url" || { echo "run.sh: $url failed" >&2; exit 1; }
done
curl -fsS -o /dev/null -H "Authorization: Bearer $SUPERVISOR" "$BASE/api/v1/units/TINH-BENCH/report" ||
    { echo "run.sh: the supervisor's report failed" >&2; exit 1; }

# wrk's "--latency" figures in milliseconds.
to_ms() { awk '{v=$1; u=v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
    if (u=="us") v/=1000; else if (u=="s") v*=1000; else if (u=="m") v*=60000; printf "%.2f", v}'; }

ROWS="$WORK/rows.tsv"
: >"$ROWS"
# name  concurrency  kind (nginx|read|progress|other)  events-per-request  url  [lua script]
run_scenario() {
    local name="$1" conns="$2" kind="$3" events="$4" url="$5" script="${6:-}"
    local threads=$(( conns < CORES ? conns : CORES ))
    [ -n "${BENCH_THREADS:-}" ] && threads="$BENCH_THREADS"
    local args=(-t "$threads" -c "$conns" -d "${DURATION}s" --latency --timeout 10s)
    [ -n "$script" ] && args+=(-s "$script")
    export BENCH_NONCE="$(date +%s%N)-$conns" BENCH_EVENTS="$events"
    echo 5 >"/proc/$SERVER_PID/clear_refs"
    local out; out="$(wrk "${args[@]}" "$url")"
    local rps p50 p99 errors peak
    rps="$(awk '/^Requests\/sec:/ {printf "%.1f", $2}' <<<"$out")"
    p50="$(awk '$1=="50%" {print $2}' <<<"$out" | to_ms)"
    p99="$(awk '$1=="99%" {print $2}' <<<"$out" | to_ms)"
    errors="$(awk '/Non-2xx or 3xx responses:/ {n+=$NF} /Socket errors:/ {for (i=3;i<=NF;i++) if ($i ~ /^[0-9]+,?$/) n+=$i} END {print n+0}' <<<"$out")"
    peak="$(kib VmHWM)"
    [ "$kind" = nginx ] && peak=""
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$conns" "$kind" "$events" "$rps" "$p50" "$p99" "$errors" "$peak" >>"$ROWS"
    printf '  %-34s c=%-3s %9s req/s  p50 %8s ms  p99 %8s ms  errors %s\n' "$name" "$conns" "$rps" "$p50" "$p99" "$errors" >&2
}

echo "HTTP scenarios: ${DURATION} s each at concurrencies $CONCURRENCY on $CORES cores" >&2
for c in $CONCURRENCY; do
    run_scenario "nginx, same lesson bytes" "$c" nginx 0 "http://127.0.0.1:$NGINX_PORT/courses/$COURSE/$LESSON"
    run_scenario "health check (the framework's floor)" "$c" read 0 "$BASE/healthz"
    run_scenario "catalogue page" "$c" read 0 "$BASE/"
    run_scenario "lesson page, anonymous" "$c" read 0 "$BASE/courses/$COURSE/$LESSON"
    BENCH_SESSION="$CITIZEN" run_scenario "lesson page, signed in" "$c" read 0 "$BASE/courses/$COURSE/$LESSON" "$HERE/session.lua"
    BENCH_SESSION="$CITIZEN" run_scenario "guided step page, signed in" "$c" read 0 "$BASE/courses/$COURSE/$GUIDED/steps/2" "$HERE/session.lua"
    run_scenario "lesson JSON" "$c" read 0 "$BASE/api/v1/courses/$COURSE/lessons/$LESSON"
    BENCH_SESSION="$CITIZEN" run_scenario "progress POST, 1 event" "$c" progress 1 "$BASE/api/v1/progress" "$HERE/progress.lua"
    BENCH_SESSION="$CITIZEN" run_scenario "progress POST, 20 events" "$c" progress 20 "$BASE/api/v1/progress" "$HERE/progress.lua"
    BENCH_THREADS="$c" run_scenario "quiz: start or submit an attempt" "$c" other 0 "$BASE/api/v1/quizzes/$QUIZ/attempts" "$HERE/quiz.lua"
    run_scenario "search (API)" "$c" read 0 "$BASE/api/v1/search?q=$SEARCH"
    run_scenario "certificate verification page" "$c" read 0 "$BASE/verify/$CERTIFICATE"
done
for c in $REPORT_CONCURRENCY; do
    BENCH_SESSION="$SUPERVISOR" run_scenario "unit report JSON, $OFFICIALS officials" "$c" other 0 "$BASE/api/v1/units/TINH-BENCH/report" "$HERE/bearer.lua"
done
BENCH_SESSION="$SUPERVISOR" run_scenario "unit report CSV, every row" 1 other 0 "$BASE/api/v1/units/TINH-BENCH/report.csv" "$HERE/bearer.lua"
for c in $SIGNIN_CONCURRENCY; do
    run_scenario "sign-in (Bcrypt cost 10)" "$c" other 0 "$BASE/api/v1/sessions" "$HERE/signin.lua"
done

# The table: the read path against nginx at the same concurrency, progress against the bare writer at the same
# concurrency and batch size (in events per second).
TABLE="$(awk -F'\t' '
    function fmt(n,   s, r) { s=sprintf("%d", n + 0.5); r=""; while (length(s) > 3) { r="," substr(s, length(s)-2) r; s=substr(s, 1, length(s)-3) } return s r }
    FILENAME == ARGV[1] { bare[$1 "/" $2] = $3; next }
    { name[++n]=$1; c[n]=$2; kind[n]=$3; events[n]=$4; rps[n]=$5; p50[n]=$6; p99[n]=$7; err[n]=$8; peak[n]=$9
      if ($3=="nginx") nginx[$2]=$5 }
    END {
        print "| scenario | concurrency | requests/s | p50 | p99 | limit in the same run | ratio | peak resident size | errors |"
        print "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |"
        for (i=1; i<=n; i++) {
            limit="—"; ratio="—"
            if (kind[i]=="read" && nginx[c[i]] > 0) { limit="nginx " fmt(nginx[c[i]]) " req/s"; ratio=sprintf("%.3f", rps[i]/nginx[c[i]]) }
            if (kind[i]=="progress") {
                b = bare[c[i] "/" events[i]]
                limit = "bare SQLite " fmt(b) " events/s; here " fmt(rps[i]*events[i]) " events/s"
                if (b > 0) ratio=sprintf("%.2f", rps[i]*events[i]/b)
            }
            mem = peak[i]=="" ? "" : sprintf("%.0f MB", peak[i]/1024)
            printf "| %s | %d | %s | %s ms | %s ms | %s | %s | %s | %d |\n", name[i], c[i], fmt(rps[i]), p50[i], p99[i], limit, ratio, mem, err[i]
        }
    }' "$BARE" "$ROWS")"

echo "Engine micro-benchmarks (binhdan-microbench)" >&2
MICRO_TABLE="$("$MICRO" run)"

DATE="$(date -u +%Y-%m-%d)"
SAMPLE_LESSONS="$(ls Courses/*/[0-9]*.md | wc -l)"
CPU="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
SECTION="$WORK/section.md"
cat >"$SECTION" <<EOF
## HTTP scenarios ($DATE)

Measured by \`make bench\` at commit $COMMIT on a machine with $CORES cores ($CPU), wrk and nginx on the same
machine. Load average when the table was written: $LOAD (other work on the machine skews absolute numbers more than
ratios; ratios are what to compare across machines).

**The data.** \`binhdan bench province --database <temporary> --officials $OFFICIALS --citizens $CITIZENS\` made
$PROVINCE. Every official's password is \`$PASSWORD\`; \`bench-supervisor\` supervises the province.

**The server.** \`.build/release/binhdan serve --host 127.0.0.1 --port <free port> --database <that file>
--courses Courses --assessments Assessments --log-level warning\`: idle after start $(mib "$IDLE_RSS"). Peak
resident size is its \`VmHWM\` during each row (reset with \`echo 5 > /proc/<pid>/clear_refs\` before it).

**Start-up**, from launch to the first answer of \`/healthz\` (content loaded and rendered, templates read,
database opened): the sample catalogue ($SAMPLE_LESSONS lessons) on the synthetic province **$STARTUP_SAMPLE ms**; a
generated catalogue of $STARTUP_LESSONS lessons (\`binhdan-microbench catalogue --lessons $STARTUP_LESSONS\`) on a
new database **$STARTUP_GENERATED ms**.

**The limits.** For the read path, nginx (\`$NGINX -p <temporary> -c <temporary>/nginx.conf\`, \`worker_processes
auto\`, \`access_log off\`) serving the $LESSON_BYTES bytes of the signed-in lesson page \`/courses/$COURSE/$LESSON\`
as the server rendered them; the health check shows what Hummingbird itself answers on this machine. For the write
path, \`scripts/bench/sqlite-writer.c\` (\`cc -O2 ... -lsqlite3\`): the server's progress statements through
SQLite's C API on the same file with the same durability (WAL, \`synchronous = FULL\`), one thread, transactions of
c requests of 1 or 20 events, as the group commit forms them from c clients, run before the server starts.

**The rows.** \`wrk -t min(c,$CORES) -c c -d ${DURATION}s --latency --timeout 10s [-s scripts/bench/<script>.lua] <url>\`:
the catalogue \`/\`; the lesson page anonymous and with a citizen's session cookie (\`session.lua\`, session from
\`POST /api/v1/citizens\`); the guided step page \`/courses/$COURSE/$GUIDED/steps/2\` signed in; the lesson JSON;
progress batches of 1 and 20 \`opened\` events with unique ids (\`progress.lua\`, Bearer token); quiz attempts of
\`$QUIZ\` started and submitted with an answer to every question, one learner per connection (\`quiz.lua\`,
\`wrk -t c\`); search
\`/api/v1/search?q=$SEARCH\`; certificate verification \`/verify/<code>\`; the supervisor's report over the
province and its CSV (\`bearer.lua\`); sign-in of \`bench0\` (\`signin.lua\`, bounded by Bcrypt, reported apart). The
ratio is to the limit at the same concurrency in the same run. Errors are non-2xx answers and socket errors.

$TABLE

### Engine micro-benchmarks

\`.build/release/binhdan-microbench\` (time per operation is the median of timed batches after a warm-up;
allocations are counted by \`malloc\` interposed in that binary only):

$MICRO_TABLE
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
echo "Wrote the scenarios to $REPORT" >&2
