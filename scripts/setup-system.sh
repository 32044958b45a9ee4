#!/usr/bin/env bash
# Installs the Debian packages Yizhan's build and tests need. Idempotent: skips what is present.
# Usage: scripts/setup-system.sh            (everything the test suite uses)
set -euo pipefail

PACKAGES=(
  # build of native modules
  build-essential python3 pkg-config libpcsclite-dev libudev-dev libusb-1.0-0 libusb-1.0-0-dev
  # serial: virtual pty pairs for the device simulators
  socat
  # PC/SC: the real daemon plus the vpcd virtual reader driver; iproute2 for the quickack route
  pcscd pcsc-tools vsmartcard-vpcd iproute2 util-linux
  # renderer and e2e: Debian's Chromium driven by playwright-core; Xvfb for the kiosk window mode
  chromium xvfb fonts-noto-cjk
  # A4 printing: a real spooler with a virtual PDF printer; poppler for pdffonts/pdftotext/pdftoppm
  cups cups-client cups-bsd printer-driver-cups-pdf poppler-utils
  # back office at city scale
  postgresql postgresql-client
  # voice guidance
  espeak-ng sox
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-system: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "setup-system: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup-system: done"
