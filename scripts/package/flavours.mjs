// The two Debian packages: what each installs beside the common program under /opt/yizhan, and what
// it declares. One machine runs one of them: a terminal's kiosk runs its own embedded back office
// when its site configuration names none, so the program files (and /usr/bin/yizhan) are shared by
// path and the packages conflict rather than split into a third package.
import { DEVICE_MODULES } from './modules.mjs';

const COMMON_DEPENDS = ['libc6 (>= 2.28)', 'libstdc++6 (>= 10)', 'libgcc-s1', 'systemd'];

export const FLAVOURS = {
  kiosk: {
    package: 'yizhan-kiosk',
    unit: 'yizhan-kiosk.service',
    wantedBy: 'graphical.target',
    // The kiosk takes tty1 over: it comes up at the next boot (or `systemctl start yizhan-kiosk`).
    startOnInstall: false,
    excludeModules: [],
    env: 'kiosk.env',
    etc: ['kiosk.env', 'site.example.json'],
    udev: true,
    control: {
      Section: 'misc',
      Priority: 'optional',
      Depends: [
        ...COMMON_DEPENDS,
        'cage',
        'chromium',
        'fonts-noto-cjk',
        'pcscd',
        'libpcsclite1',
        'libusb-1.0-0',
        'libudev1',
        'cups-client',
        'udev',
      ].join(', '),
      Recommends: 'cups, printer-driver-cups-pdf',
      Conflicts: 'yizhan-backoffice',
      Description: [
        'Yizhan self-service kiosk for government service halls and bank STMs',
        'The software inside an unattended 24-hour self-service terminal: a citizen',
        'taps an ID card, files an application with scanned materials, prints a',
        'certificate, uses a document locker and rates the service; a technician',
        'tests the devices.',
        '.',
        'This package runs the kiosk full screen under the cage compositor on the',
        'seat (yizhan-kiosk.service), with its device drivers (ID card reader,',
        'receipt and A4 printers, lockers, scanner, PC/SC card reader), the Node.js',
        'runtime it needs and an embedded back office when no central one is set.',
      ],
    },
  },
  backoffice: {
    package: 'yizhan-backoffice',
    unit: 'yizhan-backoffice.service',
    wantedBy: 'multi-user.target',
    startOnInstall: true,
    excludeModules: DEVICE_MODULES,
    env: 'backoffice.env',
    etc: ['backoffice.env'],
    udev: false,
    control: {
      Section: 'net',
      Priority: 'optional',
      Depends: COMMON_DEPENDS.join(', '),
      Recommends: 'fonts-noto-cjk',
      Suggests: 'postgresql',
      Conflicts: 'yizhan-kiosk',
      Description: [
        'Yizhan back office for self-service halls and bank STM fleets',
        "The hall's or city's service behind Yizhan kiosks: receives filings,",
        'decides instant approvals, issues results for printing and lockers, tracks',
        'the fleet and ratings, and serves the staff console.',
        '.',
        'This package runs it as the hardened yizhan-backoffice.service on SQLite, or on',
        'PostgreSQL with several instances, with the Node.js runtime it needs.',
      ],
    },
  },
};

/** A Description field: the synopsis, then the long text indented by one space. */
export function descriptionField(lines) {
  return [lines[0], ...lines.slice(1).map((l) => ` ${l}`)].join('\n');
}
