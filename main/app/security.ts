import type { Session } from 'electron';
import { CSP } from '../chromium-shell/csp';
import { originOf } from '../windows/guards';

export { CSP };

/**
 * Denies every permission except the camera (the document camera is captured in the page), denies
 * WebHID/WebSerial/WebUSB (hardware goes through devices/, never through the page), sets CSP on
 * responses (the app scheme's handler also sets the same policy on its own).
 */
export function hardenSession(session: Session, appOrigin: string): void {
  const allowed = new Set(['media']);
  session.setPermissionRequestHandler((wc, permission, callback, details) => {
    callback(allowed.has(permission) && originOf(details.requestingUrl || wc.getURL()) === appOrigin);
  });
  session.setPermissionCheckHandler(
    (_wc, permission, requestingOrigin) => allowed.has(permission) && requestingOrigin === appOrigin,
  );
  session.setDevicePermissionHandler(() => false);
  session.on('select-hid-device', (e, _d, cb) => {
    e.preventDefault();
    cb('');
  });
  session.on('select-serial-port', (e, _p, _wc, cb) => {
    e.preventDefault();
    cb('');
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
}
