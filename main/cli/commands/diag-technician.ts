import { printJson, stringOption, UsageError, type CliCommand } from '../command';

export const command: CliCommand = {
  path: ['diag', 'technician'],
  summary: "The site's technicians: add (PIN stored as a scrypt hash), remove, list",
  usage: 'diag technician add ID --name NAME [--card NUMBER…] | remove ID | list [--data-dir DIR]',
  details: `Kept in <data dir>/diagnostics/technicians.json (0600): each technician's PIN as a scrypt hash and
the SHA-256 of the numbers of their technician cards (a card whose number is listed opens the PIN pad
when it is put in the kiosk's card reader on the attract screen). add reads the PIN twice from the
terminal (hidden), or one line from stdin. A PIN is 4 to 12 digits.`,
  options: {
    name: { type: 'string', value: 'NAME', help: 'add: the name shown and audited' },
    card: { type: 'string', multiple: true, value: 'NUMBER', help: "add: a technician card's number" },
    'data-dir': { type: 'string', value: 'DIR', help: "The kiosk's data dir (default its configured one)" },
  },
  async run(values, positionals) {
    const [path, { HostConfig }, { TechnicianStore, techniciansFile }] = await Promise.all([
      import('node:path'),
      import('../../config/host-config'),
      import('../../diagnostics/technicians'),
    ]);
    const dataDir = path.resolve(stringOption(values, 'data-dir') ?? HostConfig.parse({}).dataDir);
    const store = new TechnicianStore(techniciansFile(dataDir));
    const [verb, id] = positionals;
    if (verb === 'list') {
      printJson(store.list().map((t) => ({ id: t.id, name: t.name, cards: t.cards.length })));
      return 0;
    }
    if (!id) throw new UsageError(`${verb ?? 'a verb'} needs a technician ID`);
    if (verb === 'remove') {
      const removed = store.remove(id);
      printJson({ ok: removed, id });
      return removed ? 0 : 1;
    }
    if (verb !== 'add') throw new UsageError(`unknown verb ${verb ?? '(none)'}`);
    const name = stringOption(values, 'name');
    if (!name) throw new UsageError('--name is required');
    const { readSecretLine } = await import('../../diagnostics/pin-prompt');
    const pin = await readSecretLine('PIN: ');
    if (process.stdin.isTTY && (await readSecretLine('PIN again: ')) !== pin)
      throw new UsageError('the two PINs differ');
    const cards = (Array.isArray(values.card) ? values.card : []).filter(
      (c): c is string => typeof c === 'string',
    );
    try {
      await store.put({ id, name, pin, cards });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    printJson({ ok: true, id, name, cards: cards.length });
    return 0;
  },
};
