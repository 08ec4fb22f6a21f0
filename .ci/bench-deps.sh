#!/usr/bin/env bash
# Debian packages `make bench` needs: wrk (the load generator of the peer benchmark).
set -euo pipefail
command -v wrk >/dev/null && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing Debian package: wrk"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null
else
  echo "wrk is missing. Install it with:"
  echo "  sudo apt-get install -y wrk"
  exit 1
fi
