#!/usr/bin/env bash
# scripts/setup.sh — install what the build and the tests need (Debian 12,
# as root), then configure the build directory. Sourced by run.sh and test.sh.
# SPDX-License-Identifier: GPL-3.0-or-later

OS_PACKAGES=(
  gcc pkg-config meson ninja-build
  libglib2.0-dev libcairo2-dev libpango1.0-dev libgtk-4-dev libopenblas-dev liblapacke-dev libgsl-dev
  xvfb xauth dbus dbus-x11 fonts-dejavu-core adwaita-icon-theme
  python3 python3-numpy libxml2-utils desktop-file-utils appstream locales
  parallel
  # video export (plot/os-video.c): GStreamer and its encoders — VP8 and the
  # WebM muxer (good), x264 (ugly), MP4 muxer (good), appsrc/videoconvert
  # (base); gst-discoverer-1.0 (base-apps) for tests/test-cli-animate.sh;
  # pdftoppm (poppler-utils) to look at the lesson handouts
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev gstreamer1.0-plugins-base
  gstreamer1.0-plugins-good gstreamer1.0-plugins-ugly gstreamer1.0-libav gstreamer1.0-tools
  gstreamer1.0-plugins-base-apps poppler-utils
)

os_install_packages () {
  local missing=()
  for pkg in "${OS_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$pkg")
    fi
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# the German locale: the robustness suite checks that machine-readable
# numbers keep their decimal point under it (issue #17, item 8)
os_generate_locales () {
  if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo sed -i 's/^# *\(de_DE\.UTF-8 UTF-8\)/\1/' /etc/locale.gen
    grep -q '^de_DE\.UTF-8 UTF-8' /etc/locale.gen || echo 'de_DE.UTF-8 UTF-8' | $sudo tee -a /etc/locale.gen >/dev/null
    $sudo locale-gen >/dev/null
  fi
}

# os_configure DIR [meson options...]: set up or reconfigure a build directory
os_configure () {
  local dir="$1"; shift
  if [ -f "$dir/build.ninja" ]; then
    meson configure "$dir" "$@" >/dev/null
  else
    meson setup "$dir" "$@" >/dev/null
  fi
}
