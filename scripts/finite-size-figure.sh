#!/bin/sh
# scripts/finite-size-figure.sh — redraws docs/finite-size.png (docs/SCIENCE.md
# §10): builds scripts/finite-size-figure.c against the release build's
# libraries (meson setup build --buildtype=release && ninja -C build) and
# runs it on the network's test errors in docs/finite-size-network.csv,
# which `scripts/finite-size-table.py build/app/onestep-explorer --raw
# docs/finite-size-network.csv` writes (about 40 min on one core).
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cc -std=gnu17 -O2 -Wall -Wextra -Icore -Imodel -Iplot -Ibuild/core \
  scripts/finite-size-figure.c build/plot/libonestep-plot.a build/model/libonestep-model.a \
  build/core/libonestep-core.a \
  $(pkg-config --cflags --libs pangocairo cairo gio-2.0 glib-2.0) -lopenblas -llapacke -lm -lpthread \
  -o "$tmp/figure"
"$tmp/figure" docs/finite-size-network.csv docs/finite-size.png
echo "wrote docs/finite-size.png"
