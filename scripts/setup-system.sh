#!/usr/bin/env bash
# Installs the Debian packages Yizhan's build and tests need, then makes sure the spooler runs and has
# the virtual PDF printer `PDF` (cups-pdf; what it prints lands in ~/PDF). Idempotent: skips what is
# present. apt's own chatter goes to a log file (its path is printed); a failure shows its tail.
# Usage: bash scripts/setup-system.sh     (as root, or as a user with sudo)
set -euo pipefail

PACKAGES=(
  # fetching the Node.js runtime when no npm is installed yet (scripts/runtime.sh)
  ca-certificates curl
  # build of native modules
  build-essential python3 pkg-config libpcsclite-dev libudev-dev libusb-1.0-0 libusb-1.0-0-dev
  # serial: virtual pty pairs for the device simulators
  socat
  # PC/SC: the real daemon plus the vpcd virtual reader driver; iproute2 for the quickack route
  pcscd pcsc-tools vsmartcard-vpcd iproute2 util-linux
  # renderer and e2e: Debian's Chromium driven by playwright-core; Xvfb for the kiosk window mode
  chromium xvfb fonts-noto-cjk
  # the touch keyboard's pinyin input is built from Rime's simplified pinyin table (Apache-2.0)
  rime-data-pinyin-simp
  # A4 printing: a real spooler with a virtual PDF printer; poppler for pdffonts/pdftotext/pdftoppm
  cups cups-client cups-bsd printer-driver-cups-pdf poppler-utils
  # back office at city scale
  postgresql postgresql-client
  # voice guidance
  espeak-ng sox
  # Debian packages of the product (scripts/package): checked by lintian, units by systemd-analyze
  # (which needs the kiosk unit's compositor, cage, present)
  lintian systemd cage
)
PDF_QUEUE=PDF
# pdftocairo keeps the templates' embedded CJK fonts as text (the default renderer draws outlines).
PDF_QUEUE_ARGS=(-v cups-pdf:/ -E -m lsb/usr/cups-pdf/CUPS-PDF_opt.ppd -o pdftops-renderer-default=pdftocairo)

SUDO=()
[ "$(id -u)" -eq 0 ] || SUDO=(sudo)

install_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "setup-system: all ${#PACKAGES[@]} Debian packages present"
    return 0
  fi
  local log
  log="$(mktemp "${TMPDIR:-/tmp}/yizhan-setup-apt.XXXXXX")"
  echo "setup-system: installing ${#missing[@]} Debian packages (apt's output: $log): ${missing[*]}"
  # `env` carries the variables through sudo, which does not pass the caller's environment on.
  local apt=("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive DEBCONF_NONINTERACTIVE_SEEN=true apt-get -q -y)
  if ! { "${apt[@]}" update && "${apt[@]}" install --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    tail -n 25 "$log" >&2
    echo "setup-system: apt-get failed; its whole output is in $log" >&2
    exit 1
  fi
  echo "setup-system: Debian packages installed"
}

cups_answers() { lpstat -r 2>/dev/null | grep -q 'is running'; }

ensure_cupsd() {
  cups_answers && return 0
  if [ -d /run/systemd/system ]; then
    "${SUDO[@]}" systemctl enable --now cups.service >/dev/null 2>&1
  else
    # No systemd (a container, a minimal image): cupsd daemonises itself. Started again by this script
    # after a reboot, or by hand: sudo cupsd
    "${SUDO[@]}" cupsd
  fi
  for _ in $(seq 100); do cups_answers && return 0; sleep 0.1; done
  echo "setup-system: cupsd did not start (see /var/log/cups/error_log)" >&2
  exit 1
}

ensure_pdf_queue() {
  ensure_cupsd
  if lpstat -p "$PDF_QUEUE" >/dev/null 2>&1; then
    echo "setup-system: print queue $PDF_QUEUE present (cups-pdf)"
    return 0
  fi
  # lpadmin warns that PPD drivers are deprecated in some future CUPS; cups-pdf ships only a PPD, and
  # CUPS 2.4 (Debian 12) supports it fully. That one line is dropped; anything else it says is shown.
  "${SUDO[@]}" lpadmin -p "$PDF_QUEUE" "${PDF_QUEUE_ARGS[@]}" 2>&1 |
    { grep -v '^lpadmin: Printer drivers are deprecated' >&2 || true; }
  lpstat -p "$PDF_QUEUE" >/dev/null 2>&1 || { echo "setup-system: could not create print queue $PDF_QUEUE" >&2; exit 1; }
  echo "setup-system: print queue $PDF_QUEUE created (cups-pdf; output in ~/PDF of the user who prints)"
}

install_packages
ensure_pdf_queue
