#!/usr/bin/env bash
# Runs every Solen benchmark and prints one table (households/s and peak memory).
#
#   benchmarks/run.sh [--quick] [--no-bindings] [--no-6m]
#
# Builds Release in build-bench (override with SOLEN_BENCH_BUILD) when needed, generates the
# JSON Lines caseloads into $SOLEN_BENCH_BUILD/bench-data (not committed; ≈ 5 GB for 6 million),
# then runs: the generator; the C++ batch API against the hand-written function (with their
# agreement); `solen evaluate --no-reasons` end to end on 100k, 1M and 6M households on 1 and 2
# threads; the Python and PHP bindings through the C ABI. --quick: 100k and 1M only.
# Benchmarks are never run by the test suite.
# SPDX-License-Identifier: Apache-2.0
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${SOLEN_BENCH_BUILD:-$ROOT/build-bench}
DATA=$BUILD/bench-data
YEAR=2024
AS_OF=$YEAR-06-15
SEED=1
QUICK=0
BINDINGS=1
BIG=1
for arg in "$@"; do
  case $arg in
    --quick) QUICK=1; BIG=0 ;;
    --no-bindings) BINDINGS=0 ;;
    --no-6m) BIG=0 ;;
    -h|--help) sed -n 2,12p "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

log() { printf '\n== %s\n' "$*" >&2; }
# row KIND NAME PROFILE YEAR N THREADS SECONDS PEAK_KB CPU_SECONDS: one result line.
row() {
  awk -v k="$1" -v name="$2" -v p="$3" -v y="$4" -v n="$5" -v t="$6" -v s="$7" -v kb="$8" -v c="$9" \
    'BEGIN { printf "%s\t%s\t%s\t%s\t%s\t%s\t%.3f\t%.0f\t%.0f\t%.3f\n", k, name, p, y, n, t, s, n / s, kb / 1024, c }' >>"$RESULTS"
}
# timed FILE COMMAND...: runs COMMAND under GNU time; sets secs, rss (KB) and cpu (user + sys).
timed() {
  local f=$1
  shift
  /usr/bin/time -f "%e %M %U %S" -o "$f" "$@"
  read -r secs rss user sys <"$f"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')
}

log "building Release in $BUILD"
if [ ! -f "$BUILD/build.ninja" ]; then
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
fi
ninja -C "$BUILD" solen_cli bench_cpp bench_generate capi/libsolen.so.1 >&2
SOLEN=$BUILD/bin/solen
mkdir -p "$DATA"
RESULTS=$(mktemp)
trap 'rm -f "$RESULTS"' EXIT

cpus=$(nproc)
model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
mem=$(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo)
rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$ROOT" diff --quiet HEAD -- include src capi 2>/dev/null || rev="$rev+local changes"
log "machine: $cpus CPUs ($model), $mem RAM, load average $(cut -d' ' -f1-3 /proc/loadavg); sources $rev"

# ---- generator
log "generator: JSON Lines speed and round trip"
"$BUILD/benchmarks/bench_generate" --households 1000000 --year $YEAR --verify 100000 >&2

# ---- C++ batch API vs the hand-written function
sizes_cpp="100000 1000000"
[ $BIG = 1 ] && sizes_cpp="$sizes_cpp 6000000"
for n in $sizes_cpp; do
  modes=loop,native
  repeat=3
  [ "$n" = 1000000 ] && modes=batch,loop,native
  [ "$n" = 6000000 ] && repeat=1
  log "C++ batch API, $n households (national $YEAR)"
  "$BUILD/benchmarks/bench_cpp" --households "$n" --chunk 1000000 --year $YEAR --seed $SEED \
    --threads 1,2 --repeat $repeat --modes $modes --verify 200000 --tsv >>"$RESULTS" ||
    echo "run.sh: WARNING: the hand-written function and the engine disagree (see above)" >&2
done
log "C++ batch API, 1000000 households (Lille 2016 profile)"
"$BUILD/benchmarks/bench_cpp" --households 1000000 --year 2016 --profile lille --seed $SEED \
  --threads 1,2 --repeat 3 --modes loop,native --verify 200000 --tsv >>"$RESULTS" ||
  echo "run.sh: WARNING: the hand-written function and the engine disagree (see above)" >&2

# ---- agreement of the hand-written function with the engine, year by year
log "agreement of the hand-written function with the engine, 2016-2026 (100,000 households a year)"
AGREE=$(mktemp)
trap 'rm -f "$RESULTS" "$AGREE"' EXIT
for y in 2016 2017 2018 2019 2020 2021 2022 2023 2024 2025 2026; do
  for p in national lille; do
    line=$("$BUILD/benchmarks/bench_cpp" --households 100000 --year $y --profile $p --seed $SEED --threads 1 \
      --repeat 1 --modes native --verify 100000 2>&1 | grep -E 'identical|differs' | head -3 | tr '\n' ' ' || true)
    printf '%s %-8s %s\n' $y $p "${line#agreement of the hand-written function with the engine on }" | tee -a "$AGREE" >&2
  done
done

# ---- solen evaluate, end to end on JSON Lines
sizes_cli="100000 1000000"
[ $BIG = 1 ] && sizes_cli="$sizes_cli 6000000"
for n in $sizes_cli; do
  f=$DATA/national-$YEAR-seed$SEED-$n.jsonl
  if [ ! -s "$f" ]; then
    log "generating $f"
    timed "$DATA/gen.time" "$SOLEN" generate "$n" --seed $SEED --year $YEAR -o "$f"
    row gen "solen generate (JSON Lines to a file)" national $YEAR "$n" 2 "$secs" "$rss" "$cpu"
  fi
  for t in 1 2; do
    log "solen evaluate --no-reasons --threads $t, $n households"
    timed "$DATA/eval.time" "$SOLEN" evaluate --no-reasons --as-of $AS_OF --threads $t -o /dev/null "$f"
    row cli "solen evaluate --no-reasons (to /dev/null)" national $YEAR "$n" "$t" "$secs" "$rss" "$cpu"
  done
done
# The bundled sample with reasons, as the README's main command runs it.
sample=$ROOT/examples/caseload-lille-2016.jsonl
if [ -s "$sample" ]; then
  n=$(wc -l <"$sample")
  timed "$DATA/eval.time" "$SOLEN" evaluate --as-of 2016-06-15 -o /dev/null "$sample"
  row cli "solen evaluate, reasons on (bundled sample)" lille 2016 "$n" 2 "$secs" "$rss" "$cpu"
fi

# ---- Python and PHP through the C ABI: one process per path, so that each row's peak RSS is
# that path's own (file to file, bytes/string in memory, dicts/arrays)
if [ $BINDINGS = 1 ]; then
  export SOLEN_LIBRARY=$BUILD/capi/libsolen.so.1 SOLEN_CLI=$SOLEN
  f=$DATA/national-$YEAR-seed$SEED-100000.jsonl
  if command -v python3 >/dev/null && [ -d "$ROOT/bindings/python/src/solen" ]; then
    for mode in file jsonl many lazy; do
      log "Python binding ($mode), 100000 households"
      python3 "$ROOT/benchmarks/bench_python.py" --input "$f" --modes $mode --year $YEAR --threads 2 --repeat 2 \
        --tsv >>"$RESULTS" || echo "run.sh: the Python benchmark ($mode) failed" >&2
    done
  fi
  if command -v php >/dev/null && [ -f "$ROOT/bindings/php/src/Engine.php" ]; then
    for mode in file jsonl many; do
      log "PHP binding ($mode), 100000 households"
      php -d memory_limit=-1 "$ROOT/benchmarks/bench_php.php" --input="$f" --modes=$mode --year=$YEAR --threads=2 \
        --repeat=2 --tsv >>"$RESULTS" || echo "run.sh: the PHP benchmark ($mode) failed" >&2
    done
  fi
fi

# ---- the table
log "results (load average now $(cut -d' ' -f1-3 /proc/loadavg))"
printf '\nSolen benchmarks on %s CPUs (%s, %s RAM), %s, sources %s\n\n' "$cpus" "$model" "$mem" "$(date -u +%Y-%m-%d)" "$rev"
awk -F'\t' '
  function group(x,   s) {  # 1234567 -> 1,234,567
    s = sprintf("%.0f", x)
    while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s)
    return s
  }
  BEGIN {
    printf "| %-46s | %-13s | %10s | %7s | %9s | %9s | %14s | %8s |\n", "benchmark", "caseload", "households", "threads", "seconds", "CPU s", "households/s", "peak MB"
    printf "|%s|%s|%s|%s|%s|%s|%s|%s|\n", ":-----------------------------------------------", ":--------------", "-----------:", "--------:", "----------:", "----------:", "---------------:", "---------:"
  }
  {
    name = $2
    if ($1 == "cpp") name = "C++ " name " (reasons off)"
    printf "| %-46s | %-13s | %10s | %7s | %9.3f | %9s | %14s | %8s |\n", name, $3 " " $4, group($5), $6, $7, $10, group($8), $9
  }' "$RESULTS"
printf '\nAgreement of the hand-written function with the engine (main answers, field by field):\n'
sed 's/^/  /' "$AGREE"
cat <<'EOF'

Targets (PRODUCT.md §7, 2 cores, reasons off): C++ batch >= 3,000,000 households/s and within 3x
of the hand-written function; solen evaluate >= 500,000 households/s end to end and < 100 MB at
6 million; Python and PHP batch >= 200,000 households/s. "peak MB" is the peak RSS of the process
(getrusage / GNU time): for the C++ rows it includes the generated households held in memory.
"CPU s" is user + system time of the measured part (all threads): compare it with "seconds"
when the machine was not idle.
EOF
