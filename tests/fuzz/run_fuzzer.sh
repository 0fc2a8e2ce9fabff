#!/bin/sh
# Builds one libFuzzer target with clang++ (ASan + UBSan) into WORK_DIR, then runs it on its
# seed corpus (tests/fuzz/corpus/TARGET, read-only) plus WORK_DIR/corpus/TARGET (where new
# inputs go). Extra arguments go to libFuzzer (e.g. -runs=20000 -max_total_time=20).
# usage: run_fuzzer.sh CLANGXX SOURCE_DIR GEN_INCLUDE_DIR WORK_DIR TARGET [libFuzzer args...]
# FUZZ_BUILD_ONLY=1: build and stop. Prints "SOLEN_TEST_SKIPPED: ..." when libFuzzer is missing.
# SPDX-License-Identifier: Apache-2.0
set -eu
cxx=$1 src=$2 gen=$3 work=$4 target=$5
shift 5
bin="$work/bin/$target"
mkdir -p "$work/bin" "$work/corpus/$target" "$work/artifacts"

probe="$work/bin/.libfuzzer-probe"
if [ ! -x "$probe" ]; then
  printf 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }\n' \
    >"$probe.cpp"
  if ! "$cxx" -fsanitize=fuzzer,address,undefined "$probe.cpp" -o "$probe" 2>"$probe.log"; then
    echo "SOLEN_TEST_SKIPPED: $cxx cannot build libFuzzer targets (-fsanitize=fuzzer): see $probe.log"
    exit 0
  fi
fi

# Rebuild when the binary is missing or older than any header, fuzz source or generated file.
if [ ! -x "$bin" ] || [ -n "$(find "$src/include" "$src/tests/fuzz" "$gen" -type f -newer "$bin" | head -n 1)" ]; then
  echo "building $target with $cxx"
  "$cxx" -std=c++17 -g -O2 -fno-omit-frame-pointer \
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -DBOOST_ALL_NO_LIB -I"$src/include" -I"$gen" -I"$src/tests/fuzz" \
    "$src/tests/fuzz/$target.cpp" -o "$bin.tmp" -lpthread
  mv "$bin.tmp" "$bin"
fi
[ "${FUZZ_BUILD_ONLY:-0}" = 1 ] && exit 0

# The raw pack fuzzer also starts from the real pack (not committed twice).
if [ "$target" = fuzz_rulepack ]; then
  cp "$src/rules/fr-lille.json" "$work/corpus/$target/fr-lille.json"
fi
dict=""
if [ -f "$src/tests/fuzz/$target.dict" ]; then
  dict="-dict=$src/tests/fuzz/$target.dict"
fi
# shellcheck disable=SC2086
exec "$bin" -artifact_prefix="$work/artifacts/$target-" -print_final_stats=1 $dict "$@" \
  "$work/corpus/$target" "$src/tests/fuzz/corpus/$target"
