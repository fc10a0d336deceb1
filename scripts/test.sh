#!/usr/bin/env bash
# scripts/test.sh — install what is missing, build, and run every test:
# the release build (core, command line, window under Xvfb, robustness), the
# core, the command line and the robustness suite again under
# AddressSanitizer + UndefinedBehaviorSanitizer, and the threaded code under
# ThreadSanitizer.
# Ends with one line: "N passed, N failed".
# SPDX-License-Identifier: GPL-3.0-or-later
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
os_install_packages || { echo "0 passed, 1 failed"; exit 1; }
os_generate_locales || echo "test.sh: could not generate de_DE.UTF-8 (the robustness suite will say so)"

export GTK_A11Y=none GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1

passed=0
failed=0

# count ok/failed tests from a meson test log (JSON lines)
tally () {
  local log="$1/meson-logs/testlog.json"
  [ -f "$log" ] || { failed=$((failed + 1)); return; }
  local ok bad
  ok=$(python3 -c "import json,sys
n=0
for l in open('$log'):
    r=json.loads(l)
    n+= r['result'] in ('OK','SKIP','EXPECTEDFAIL')
print(n)")
  bad=$(python3 -c "import json,sys
n=0
for l in open('$log'):
    r=json.loads(l)
    n+= r['result'] not in ('OK','SKIP','EXPECTEDFAIL')
print(n)")
  passed=$((passed + ok))
  failed=$((failed + bad))
}

run_suite () {
  local dir="$1"; shift
  rm -f "$dir/meson-logs/testlog.json"
  if ! ninja -C "$dir"; then
    echo "test.sh: build in $dir failed"
    failed=$((failed + 1))
    return
  fi
  xvfb-run -a -s "-screen 0 1600x1200x24" meson test -C "$dir" --print-errorlogs "$@"
  tally "$dir"
}

# 1. release build, every suite
os_configure build --buildtype=release
run_suite build

# 2. the core, model, plots and command line under ASan + UBSan, and the
#    robustness suite (issue #17: its cases and the property test of a few
#    thousand generated command lines and files, no crash, leak or hang)
os_configure build-asan --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
run_suite build-asan --suite core --suite model --suite plot --suite cli --suite robustness
unset ASAN_OPTIONS UBSAN_OPTIONS

# 3. without GTK (-Dgui=disabled): every command-line mode, export
#    included, and no GTK linked; the plot tests and a headless export
os_configure build-nogui --buildtype=release -Dgui=disabled
if ninja -C build-nogui; then
  rm -f build-nogui/meson-logs/testlog.json
  meson test -C build-nogui --no-rebuild --print-errorlogs --suite plot --suite cli
  tally build-nogui
  nogui_out=$(mktemp -d)
  if ! ldd build-nogui/app/onestep-explorer | grep -q 'libgtk' \
     && build-nogui/app/onestep-explorer export --plot all --output "$nogui_out/all.png" --csv "$nogui_out/all.csv" >/dev/null \
     && [ -s "$nogui_out/all.png" ] && [ -s "$nogui_out/all.csv" ]; then
    echo "test.sh: -Dgui=disabled: no GTK linked, export --plot all written"
    passed=$((passed + 1))
  else
    echo "test.sh: -Dgui=disabled: export --plot all failed (or GTK linked)"
    failed=$((failed + 1))
  fi
  rm -rf "$nogui_out"
else
  echo "test.sh: build in build-nogui failed"
  failed=$((failed + 1))
fi

# 4. the threaded code under ThreadSanitizer: the scheduler and the jobs on
#    it (the engine, the phase diagram, the η̃* curve), the phase diagram's
#    worker threads, the shared quadrature cache and the curves, the
#    simulation's concurrent seeds
os_configure build-tsan --buildtype=debug -Db_sanitize=thread -Db_lundef=false
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/tsan.supp"
if ninja -C build-tsan tests/test-scheduler tests/test-engine tests/test-phase-job tests/test-optimal-job \
     tests/test-phase tests/test-quadrature tests/test-curve tests/test-sim-sweep tests/test-sim-split; then
  rm -f build-tsan/meson-logs/testlog.json
  meson test -C build-tsan --no-rebuild --print-errorlogs scheduler engine phase-job optimal-job \
    phase quadrature curve sim-sweep sim-split
  tally build-tsan
else
  echo "test.sh: TSan build failed"
  failed=$((failed + 1))
fi
unset TSAN_OPTIONS

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
