#!/usr/bin/env bash
# Installs what Switchboard's demo and tests need from Debian's own packages: Chromium (never a
# downloaded browser), CJK fonts so Chinese text renders, and an emoji font. Safe to run again; does nothing when
# everything is there. Node.js >= 20.19 with npm must already be installed.
set -euo pipefail
need=()
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then need+=(chromium); fi
if ! fc-list 2>/dev/null | grep -qi 'noto sans cjk'; then need+=(fonts-noto-cjk); fi
if ! fc-list 2>/dev/null | grep -qi 'noto color emoji'; then need+=(fonts-noto-color-emoji); fi
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  echo "Installing from Debian: ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}"
fi
node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error("Node.js >= 20.19 is needed, found "+process.versions.node); process.exit(1) }'
