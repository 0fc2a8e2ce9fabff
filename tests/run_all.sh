#!/usr/bin/env bash
# Runs every test suite (C++, C, Python, PHP, CLI, ABI, packaging, robustness) in three builds:
# release-with-debug-info, ASan+UBSan, and ThreadSanitizer for the concurrent paths.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=$(nproc 2>/dev/null || echo 2)
start=$(date +%s)

run_build() {  # dir, targets ("all" or a list), cmake flags..., then ctest args after --
  local dir=$1 targets=$2; shift 2
  local flags=() ; while [ $# -gt 0 ] && [ "$1" != "--" ]; do flags+=("$1"); shift; done
  [ "${1:-}" = "--" ] && shift
  echo "=== build $dir (${flags[*]})"
  cmake -S . -B "$dir" -G Ninja -DSOLEN_BUILD_BENCHMARKS=OFF "${flags[@]}" > "$dir.configure.log" 2>&1 || { cat "$dir.configure.log"; exit 1; }
  if [ "$targets" = all ]; then cmake --build "$dir" -j "$jobs"
  else cmake --build "$dir" -j "$jobs" --target $targets; fi
  echo "=== ctest $dir"
  (cd "$dir" && ctest --output-on-failure -j "$jobs" "$@")
}

mkdir -p build-ci
# Every suite, with short fuzz runs (longer campaigns: docs/robustness.md).
run_build build-ci/release all -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSOLEN_FUZZ_SECONDS=8
# The C/C++ suites and the Python binding under ASan+UBSan (valgrind, fuzzers and packaging
# already ran above; PHP cannot load an ASan library).
run_build build-ci/asan all -DCMAKE_BUILD_TYPE=Debug -DSOLEN_SANITIZE=ON -- -LE "fuzz|valgrind|package|abi|php"
# The concurrent paths (many threads sharing one engine) under ThreadSanitizer: only the
# programs of the "threads" tests are built.
run_build build-ci/tsan "rob_core_tests rob_capi_tests rob_cli_tests" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSOLEN_TSAN=ON -- -L threads
echo "=== all suites passed in $(( $(date +%s) - start )) s"
