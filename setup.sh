#!/usr/bin/env bash
# Installs what Solen needs on Debian 12 (idempotent: only missing packages are fetched).
set -euo pipefail
packages=(build-essential cmake ninja-build pkg-config libboost-dev libboost-date-time-dev
          nlohmann-json3-dev doctest-dev php8.2-cli python3 python3-jsonschema abigail-tools
          clang valgrind)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: all packages present"
fi
