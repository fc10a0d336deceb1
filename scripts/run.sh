#!/usr/bin/env bash
# scripts/run.sh — install what is missing, build, and open One-Step Explorer.
# Extra arguments go to the program (e.g. scripts/run.sh --eta 2).
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
os_install_packages
os_configure build --buildtype=release
ninja -C build
exec ./build/app/onestep-explorer "$@"
