# tap.sh — the TAP helpers shared by the shell tests (sourced, not run).
# ok DESC / bad DESC print one result; check DESC CMD... runs CMD and prints
# its result. A description is one TAP line: a message with newlines in it
# (an error captured in the description) is joined with spaces.
# A test ends with: echo "1..$n"; [ "$fail" -eq 0 ]
# SPDX-License-Identifier: GPL-3.0-or-later
n=0
fail=0
tap_line() { printf '%s\n' "$1" | tr '\n' ' ' | sed 's/ *$//'; echo; }
ok()   { n=$((n+1)); tap_line "ok $n - $1"; }
bad()  { n=$((n+1)); fail=$((fail+1)); tap_line "not ok $n - $1"; }
check() { desc="$1"; shift; if "$@"; then ok "$desc"; else bad "$desc"; fi; }
