// Back office under test for the bench: a separate process so the load generator does not share its event loop.
import { createBackoffice, openDatabase } from '../../backoffice/index';

const spec = process.argv[2] ?? 'sqlite::memory:';
const db = await openDatabase(spec);
const app = await createBackoffice({
  db,
  config: {
    secret: 'bench-secret-0123456789abcdef',
    enrollmentToken: 'bench-enroll',
    staffUsers: [
      { username: 'supervisor', password: 'bench-supervisor', role: 'supervisor', displayName: '压测' },
    ],
  },
});
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ url })}\n`);
const stop = () => {
  void app
    .close()
    .then(() => db.close())
    .then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// Never outlive the bench: exit when the parent goes away.
process.stdin.on('end', stop);
process.stdin.resume();
