#!/bin/sh
# test-desktop.sh — desktop integration: the launcher and the AppStream
# metadata pass their validators, and the launcher, metadata and icon agree
# on one application id.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
RES="$1"
ID=org.onestep.Explorer
. "$(dirname "$0")/tap.sh"

desktop="$RES/$ID.desktop"
metainfo="$RES/$ID.metainfo.xml"
icon="$RES/icons/hicolor/scalable/apps/$ID.svg"

out=$(desktop-file-validate "$desktop" 2>&1); rc=$?
echo "$out" | sed 's/^/# /'
check "desktop-file-validate passes" [ "$rc" -eq 0 ]
check "desktop-file-validate has no warnings or hints" [ -z "$out" ]

out=$(appstreamcli validate --no-net "$metainfo" 2>&1); rc=$?
echo "$out" | sed 's/^/# /'
check "appstreamcli validate --no-net passes" [ "$rc" -eq 0 ]

check "the icon is well-formed SVG" xmllint --noout "$icon"
check "the launcher names the icon by the id" grep -qx "Icon=$ID" "$desktop"
check "the launcher runs the program" grep -qx "Exec=onestep-explorer" "$desktop"
check "the metadata has the id" grep -q "<id>$ID</id>" "$metainfo"
check "the metadata launches the launcher" grep -q "<launchable type=\"desktop-id\">$ID.desktop</launchable>" "$metainfo"

echo "1..$n"
[ "$fail" -eq 0 ]
