#!/usr/bin/env bash
# Installs the Debian packages the test suite drives (Chromium, nginx, ffmpeg, docker-compose for
# validating the compose file) when any is missing. Needs root (or sudo) and Debian's package archive.
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v ffmpeg >/dev/null || missing+=(ffmpeg)
command -v docker-compose >/dev/null || missing+=(docker-compose)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# nginx's package starts a system instance on port 80; the tests run their own.
if command -v systemctl >/dev/null && systemctl is-active --quiet nginx 2>/dev/null; then $sudo systemctl stop nginx || true; fi
