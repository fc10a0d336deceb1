# tap.sh — the TAP helpers shared by the shell tests (sourced, not run).
# ok DESC / bad DESC print one result; check DESC CMD... runs CMD and prints
# its result. A test ends with: echo "1..$n"; [ "$fail" -eq 0 ]
# SPDX-License-Identifier: GPL-3.0-or-later
n=0
fail=0
ok()   { n=$((n+1)); echo "ok $n - $1"; }
bad()  { n=$((n+1)); fail=$((fail+1)); echo "not ok $n - $1"; }
check() { desc="$1"; shift; if "$@"; then ok "$desc"; else bad "$desc"; fi; }
