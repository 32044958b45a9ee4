#!/bin/sh
# Runs as root after the .deb installs: a dedicated kiosk group and device access rules.
set -e
getent group yizhan >/dev/null || groupadd --system yizhan
install -m 0644 /opt/Yizhan/resources/build/linux/99-yizhan.rules /etc/udev/rules.d/99-yizhan.rules 2>/dev/null || true
udevadm control --reload-rules 2>/dev/null || true
