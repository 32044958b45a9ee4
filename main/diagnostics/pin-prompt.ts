// Reads a PIN at a terminal without echoing it (digits only), or one line from a pipe (scripts, tests).
import { createInterface } from 'node:readline';

export async function readSecretLine(prompt: string): Promise<string> {
  const { stdin, stderr } = process;
  stderr.write(prompt);
  if (!stdin.isTTY) {
    const rl = createInterface({ input: stdin });
    const line = await new Promise<string>((resolve) =>
      rl.once('line', resolve).once('close', () => resolve('')),
    );
    rl.close();
    stderr.write('\n');
    return line.trim();
  }
  stdin.setRawMode(true);
  stdin.resume();
  let pin = '';
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0003') {
          stdin.off('data', onData);
          stdin.setRawMode(false);
          stdin.pause();
          stderr.write('\n');
          return resolve(ch === '\u0003' ? '' : pin);
        }
        if (ch === '\u007f') pin = pin.slice(0, -1);
        else if (/\d/.test(ch)) pin += ch;
      }
    };
    stdin.on('data', onData);
  });
}
