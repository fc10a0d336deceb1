#!/bin/sh
# test-params-cli.sh — `--params FILE` and `--preset NAME`: their values,
# flags after them override them, bad files refused naming the line and key.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
BIN="$1"
. "$(dirname "$0")/tap.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# THEORY.md §7, second setting: tanh/sin, η̃ = 3, α0 = 20, λ = 0.1, α = 1.6 → ε_g = 0.037311
cat >"$tmp/f.ini" <<'INI'
# the second reference setting
[parameters]
teacher=sin
eta=3
alpha0=20
alpha=1.6
lambda=0.1
INI
# with an x-axis: theory sweeps it, as --sweep alpha --from 0.2 --to 3 (issue #17, item 5)
cp "$tmp/f.ini" "$tmp/axis.ini"
printf 'x_axis=alpha\nx_from=0.2\nx_to=3\n' >>"$tmp/axis.ini"
"$BIN" theory --params "$tmp/axis.ini" >"$tmp/axis.csv" 2>"$tmp/err"; rc=$?
"$BIN" theory --teacher sin --eta 3 --alpha0 20 --lambda 0.1 --sweep alpha --from 0.2 --to 3 --linear \
  >"$tmp/axis-flags.csv"
check "--params with an x-axis sweeps it as the flags would (rc=$rc)" cmp -s "$tmp/axis.csv" "$tmp/axis-flags.csv"
check "... without a warning" [ ! -s "$tmp/err" ]

"$BIN" theory --params "$tmp/f.ini" >"$tmp/file.csv"; rc=$?
check "--params alone exits 0" [ "$rc" -eq 0 ]
eg=$(awk -F, 'NR==2{print $2}' "$tmp/file.csv")
check "--params alone gives THEORY.md §7 (0.037311)" awk -v e="$eg" 'BEGIN{exit !(e>0.0373108 && e<0.0373118)}'

"$BIN" theory --params "$tmp/f.ini" --eta 2 >"$tmp/override.csv"
"$BIN" theory --teacher sin --eta 2 --alpha0 20 --alpha 1.6 --lambda 0.1 >"$tmp/flags.csv"
check "--params f.ini --eta 2 = the file's values with eta 2" cmp -s "$tmp/override.csv" "$tmp/flags.csv"
check "... and differs from the file alone" sh -c "! cmp -s '$tmp/override.csv' '$tmp/file.csv'"
"$BIN" theory --eta 2 --params "$tmp/f.ini" >"$tmp/before.csv"
check "a flag before --params is overridden by the file" cmp -s "$tmp/before.csv" "$tmp/file.csv"

# bad files: exit 2, message names the file, the line and the key
printf '[parameters]\nalpha=1\neta=11\n' >"$tmp/range.ini"
"$BIN" theory --params "$tmp/range.ini" >/dev/null 2>"$tmp/err"; rc=$?
check "out-of-range value exits 2" [ "$rc" -eq 2 ]
check "message names line 3 and eta" grep -q -- "--params: $tmp/range.ini:3: eta: 11 is outside the valid range \[0, 10\]" "$tmp/err"
printf '[parameters]\nteacher=cosh\n' >"$tmp/act.ini"
"$BIN" theory --params "$tmp/act.ini" >/dev/null 2>"$tmp/err"; rc=$?
check "unknown activation exits 2 naming line 2 and teacher" sh -c "[ $rc -eq 2 ] && grep -q 'act.ini:2: teacher: unknown activation' '$tmp/err'"
"$BIN" theory --params "$tmp/missing.ini" >/dev/null 2>"$tmp/err"; rc=$?
check "missing file exits 2" [ "$rc" -eq 2 ]

# --preset: every parameter of the preset, later flags override
"$BIN" theory --preset reference-sin --alpha 3 >"$tmp/preset.csv"; rc=$?
eg=$(awk -F, 'NR==2{print $2}' "$tmp/preset.csv")
check "--preset reference-sin --alpha 3 gives THEORY.md §7 (0.032518)" awk -v e="$eg" 'BEGIN{exit !(e>0.0325177 && e<0.0325187)}'
"$BIN" theory --preset kernel --alpha 0.5 >"$tmp/kernel.csv"
eg=$(awk -F, 'NR==2{print $2}' "$tmp/kernel.csv")
check "--preset kernel --alpha 0.5 gives THEORY.md §7 (0.411572)" awk -v e="$eg" 'BEGIN{exit !(e>0.4115710 && e<0.4115720)}'
"$BIN" theory --preset nope >/dev/null 2>"$tmp/err"; rc=$?
check "unknown preset exits 2 listing the presets" sh -c "[ $rc -eq 2 ] && grep -q 'valid: reference-tanh, reference-sin' '$tmp/err'"

echo "1..$n"
[ "$fail" -eq 0 ]
