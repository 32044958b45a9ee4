// ESLint rule that enforces the layer table of the house style (section 5.4) by resolved path.
// Each file is classified into a layer; each import is resolved and classified too; the table
// below says which layers and which bare packages a layer may import. Tests, benches and
// scripts are outside the product and exempt.
import path from 'node:path';
import { builtinModules } from 'node:module';
import fs from 'node:fs';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

const NATIVE = [
  'serialport',
  '@serialport/',
  'node-hid',
  '@pokusew/pcsclite',
  'pcsclite',
  'better-sqlite3',
  'usb',
];
const NODE_ONLY = ['pg', 'fastify', '@fastify/', 'pdfkit', 'tsx', 'pngjs', 'playwright-core'];
const IO_BUILTINS = [
  'fs',
  'net',
  'child_process',
  'dgram',
  'http',
  'https',
  'tls',
  'worker_threads',
  'cluster',
];

/** The dependency-free leaves of domain/ that device code may import (see isIdentity). */
const LEAF_MODULES = /^domain\/(identity|lockers)\//;

const isBuiltin = (m) => m.startsWith('node:') || builtinModules.includes(m.split('/')[0]);
const builtinName = (m) => m.replace(/^node:/, '').split('/')[0];
const startsWithAny = (m, list) =>
  list.some((p) => (p.endsWith('/') ? m.startsWith(p) : m === p || m.startsWith(`${p}/`)));

/** Classify a repository-relative path (POSIX separators) into a layer. */
export function classify(rel) {
  if (/\.test\.tsx?$|\.e2e\.ts$/.test(rel) || /^(tests|bench|scripts)\//.test(rel) || !rel.includes('/')) {
    return { layer: 'free' };
  }
  if (rel.startsWith('renderer/')) return { layer: 'renderer' };
  if (rel.startsWith('domain/')) return { layer: 'domain', identity: LEAF_MODULES.test(rel) };
  if (rel.startsWith('main/preload/')) return { layer: 'preload' };
  if (rel.startsWith('main/ipc/contract/')) return { layer: 'contract' };
  if (/^main\/(app|windows)\/|^main\/ipc\/router/.test(rel)) return { layer: 'shell' };
  if (/^main\/(device-host|cli|chromium-shell)\//.test(rel)) return { layer: 'composition' };
  if (rel.startsWith('main/')) return { layer: 'main' };
  if (rel.startsWith('devices/core/')) return { layer: 'core' };
  if (rel.startsWith('devices/transports/')) return { layer: 'transports' };
  const fam = /^devices\/([^/]+)\/(.*)$/.exec(rel);
  if (fam) {
    const [, family, inner] = fam;
    if (inner.startsWith('protocol/')) return { layer: 'protocol', family };
    if (/^simulator(\.ts$|\/)/.test(inner)) return { layer: 'simulator', family };
    if (inner === 'index.ts') return { layer: 'index', family };
    return { layer: 'family', family };
  }
  if (rel.startsWith('print-templates/')) return { layer: 'templates' };
  if (rel.startsWith('backoffice/')) return { layer: 'backoffice' };
  return { layer: 'free' };
}

/**
 * `domain/identity` (ID numbers and the one masking module) and `domain/lockers` (the default
 * cabinet, shared with the back office's console) are the only parts of domain/ that device code
 * may import: drivers log masked identities and protocol code validates the numbers it decodes, and
 * a second copy of either rule would drift. They import nothing outside themselves, so devices/core
 * stays "standard library only" even through them; the rest of domain/ (zod schemas, catalogue)
 * stays out of devices/. (The flag keeps its historical name `identity`.)
 */
const isIdentity = (t) => t.layer === 'domain' && t.identity;
const IDENTITY_ONLY = 'device code may import only domain/identity (and domain/lockers) of the domain layer';

/** What a layer may import: `targets(from, to)` for project files, `bare(name)` for packages. Returns an error text or null. */
const RULES = {
  renderer: {
    targets: (_f, t) =>
      ['renderer', 'contract'].includes(t.layer)
        ? null
        : 'the renderer may import only renderer/ and main/ipc/contract',
    bare: (m) =>
      isBuiltin(m) || m === 'electron' || startsWithAny(m, NATIVE) || startsWithAny(m, NODE_ONLY)
        ? 'the renderer never sees Node, Electron or a native module'
        : null,
  },
  preload: {
    targets: (_f, t) =>
      ['preload', 'contract'].includes(t.layer)
        ? null
        : 'the preload maps calls to channels and imports only the contract',
    bare: (m) =>
      m === 'electron' || m === 'zod' ? null : 'the preload may import only electron and the contract',
  },
  domain: {
    targets: (f, t) =>
      f.identity
        ? isIdentity(t)
          ? null
          : 'domain/identity imports nothing but itself (device code depends on it)'
        : t.layer === 'domain'
          ? null
          : 'the domain layer is pure: it imports only domain/',
    bare: (m, f) =>
      f.identity
        ? 'domain/identity uses the standard library only (device code depends on it)'
        : m === 'zod'
          ? null
          : 'the domain layer may import only zod',
  },
  contract: {
    targets: (_f, t) =>
      ['contract', 'domain'].includes(t.layer)
        ? null
        : 'the IPC contract is pure and self-contained: it imports only itself and domain/',
    bare: (m) => (m === 'zod' ? null : 'the IPC contract may import only zod'),
  },
  shell: { targets: mainTargets(false, true), bare: () => null },
  composition: {
    targets: mainTargets(true),
    bare: (m) => (m === 'electron' ? 'only the Electron shell imports electron' : null),
  },
  main: {
    targets: mainTargets(false),
    bare: (m) =>
      m === 'electron'
        ? 'only the Electron shell imports electron'
        : startsWithAny(m, NATIVE)
          ? 'native modules are reached through devices/transports'
          : null,
  },
  core: {
    targets: (_f, t) =>
      t.layer === 'core' || isIdentity(t)
        ? null
        : t.layer === 'domain'
          ? IDENTITY_ONLY
          : 'devices/core depends on nothing else',
    bare: () => 'devices/core uses the standard library only',
  },
  transports: {
    targets: (_f, t) =>
      ['core', 'transports'].includes(t.layer) ? null : 'transports know only devices/core',
    bare: (m) => (m === 'electron' ? 'devices never import electron' : null),
  },
  protocol: {
    targets: (f, t) =>
      (t.layer === 'protocol' && t.family === f.family) || t.layer === 'core' || isIdentity(t)
        ? null
        : t.layer === 'domain'
          ? IDENTITY_ONLY
          : 'protocol code imports only its siblings and devices/core',
    bare: (m) =>
      ['iconv-lite', 'qrcode'].includes(m) ? null : 'protocol code is pure: no I/O, no native modules',
  },
  family: {
    targets: (f, t) =>
      t.layer === 'core' ||
      isIdentity(t) ||
      (['protocol', 'family'].includes(t.layer) && t.family === f.family)
        ? null
        : t.layer === 'domain'
          ? IDENTITY_ONLY
          : 'a driver receives a Transport and imports only its own protocol and devices/core',
    bare: (m) => deviceBare(m, true),
  },
  simulator: {
    targets: (f, t) =>
      t.layer === 'core' ||
      isIdentity(t) ||
      (['protocol', 'simulator'].includes(t.layer) && t.family === f.family)
        ? null
        : t.layer === 'domain'
          ? IDENTITY_ONLY
          : 'a simulator must not share code paths with the driver it tests',
    bare: (m) => deviceBare(m, false),
  },
  index: {
    targets: (f, t) =>
      t.layer === 'core' || isIdentity(t) || t.family === f.family
        ? null
        : 'a family index exposes only its own family',
    bare: (m) => deviceBare(m, false),
  },
  templates: {
    targets: (_f, t) =>
      t.layer === 'templates' ||
      t.layer === 'domain' ||
      (t.layer === 'index' && t.family === 'escpos-printer')
        ? null
        : 'print templates are pure: they import only their own helpers and receipt document types',
    bare: (m) =>
      m === 'electron' || startsWithAny(m, NATIVE) ? 'print templates never touch devices' : null,
  },
  backoffice: {
    targets: (_f, t) =>
      ['backoffice', 'templates', 'domain'].includes(t.layer)
        ? null
        : 'the back office is a separate service: only its own code, domain/ and print-templates',
    bare: (m) =>
      m === 'electron' ||
      startsWithAny(
        m,
        NATIVE.filter((n) => n !== 'better-sqlite3'),
      )
        ? 'the back office never touches kiosk devices'
        : null,
  },
};

function mainTargets(isCompositionRoot, mayEmbedBackoffice = isCompositionRoot) {
  return (_f, t) => {
    if (t.layer === 'renderer') return 'main never imports the renderer';
    if (t.layer === 'transports' && !isCompositionRoot)
      return 'only the composition roots (main/device-host, main/cli, main/chromium-shell) choose transports';
    if (['protocol', 'family', 'simulator'].includes(t.layer))
      return `import devices/${t.family} through its index.ts`;
    if (t.layer === 'backoffice' && !mayEmbedBackoffice)
      return 'only the composition roots start the back office';
    return null;
  };
}

function deviceBare(m, isDriver) {
  if (m === 'electron') return 'devices never import electron';
  if (startsWithAny(m, NATIVE))
    return 'drivers and simulators never import native modules; they get a Transport';
  // createRequire would load anything past this rule.
  if (isBuiltin(m) && builtinName(m) === 'module') return 'devices never load modules by hand (node:module)';
  if (isDriver && isBuiltin(m) && IO_BUILTINS.includes(builtinName(m)))
    return 'a driver does no I/O of its own; it gets a Transport';
  return null;
}

/** Resolve an extensionless import the way the bundler does, to a repository-relative path. */
function resolveRel(abs) {
  let resolved = abs;
  if (!/\.[cm]?[jt]sx?$|\.json$/.test(abs)) {
    const candidates = [`${abs}.ts`, `${abs}.tsx`, path.join(abs, 'index.ts'), path.join(abs, 'index.tsx')];
    resolved = candidates.find((c) => fs.existsSync(c)) ?? `${abs}.ts`;
  }
  return path.relative(ROOT, resolved).split(path.sep).join('/');
}

/** @type {import('eslint').Rule.RuleModule} */
const boundaries = {
  meta: { type: 'problem', docs: { description: 'Layer dependency rules (house style 5.4)' }, schema: [] },
  create(context) {
    const file = context.filename ?? context.getFilename();
    const rel = path.relative(ROOT, file).split(path.sep).join('/');
    const from = classify(rel);
    const rules = RULES[from.layer];
    if (!rules) return {};
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      let message;
      if (source.startsWith('.')) {
        message = rules.targets(from, classify(resolveRel(path.resolve(path.dirname(file), source))));
      } else {
        message = rules.bare(source, from);
      }
      if (message) context.report({ node, message: `Layer rule (${from.layer}): ${message} — "${source}"` });
    };
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
      // require('x') and TypeScript's `import x = require('x')` reach modules as surely as import does.
      CallExpression: (n) =>
        n.callee.type === 'Identifier' &&
        n.callee.name === 'require' &&
        n.arguments[0]?.type === 'Literal' &&
        check(n, n.arguments[0].value),
      TSImportEqualsDeclaration: (n) =>
        n.moduleReference.type === 'TSExternalModuleReference' &&
        check(n, n.moduleReference.expression.value),
    };
  },
};

/** Rules for code that must be pure: no clock, no randomness, no timers, no process. */
function purity(subject) {
  return {
    'no-restricted-properties': [
      'error',
      { object: 'Date', property: 'now', message: `${subject} takes time as input` },
      { object: 'Math', property: 'random', message: `${subject} is deterministic` },
      { object: 'crypto', property: 'randomUUID', message: `${subject} takes ids as input` },
    ],
    'no-restricted-globals': [
      'error',
      ...['setTimeout', 'setInterval', 'setImmediate', 'process', 'performance'].map((name) => ({
        name,
        message: `${subject} is pure`,
      })),
    ],
  };
}

/** Pure protocol code has no clock, no randomness, no timers. */
export const protocolPurity = purity('protocol code');

/**
 * Drivers, simulators and devices/core take time from an injected Clock (devices/core/clock.ts), so
 * a test moves it and a loaded machine cannot change what happens: no timers or clocks of their own.
 */
export const injectedTime = {
  'no-restricted-properties': [
    'error',
    { object: 'Date', property: 'now', message: 'device code takes time from its injected Clock' },
    { object: 'AbortSignal', property: 'timeout', message: 'device code takes deadlines from its Clock' },
  ],
  'no-restricted-globals': [
    'error',
    ...['setTimeout', 'setInterval', 'performance'].map((name) => ({
      name,
      message: 'device code takes time from its injected Clock (devices/core/clock.ts)',
    })),
  ],
};

/** The domain layer and the flow engine: time and ids come in events, timers are effects. */
export const enginePurity = purity('domain and flow-engine code');

export default { rules: { boundaries } };
