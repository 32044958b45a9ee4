// Preloaded into electronegativity (tests/lint/electron-security.test.ts): its CLI fetches updated
// translations with `got` at start, and on a closed network a retry timer of got then crashes the
// process after the request already failed. Offline, that fetch simply fails at once.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS preload (node -r)
const Module = require('node:module');
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'got') return () => Promise.reject(new Error('offline'));
  return load.call(this, request, parent, isMain);
};
