import {
  encodeReceipt,
  EscposPrinterSimulator,
  type PrinterProfile,
  type ReceiptDocument,
  type SimulatedReceipt,
} from '../../devices/escpos-printer';
import { memoryPair } from '../../devices/transports';
import { testGlyphs } from './escpos-font';

/**
 * Prints a receipt document on the simulated printer (bytes over a memory link, as on a cable) and
 * returns what came out: the PNG the simulator drew and its transcript.
 */
export async function printOnSimulator(
  doc: ReceiptDocument,
  profile: PrinterProfile,
): Promise<SimulatedReceipt> {
  const [host, device] = memoryPair('receipt-golden');
  await host.open();
  await device.open();
  const sim = new EscposPrinterSimulator(device, { profile, glyphs: testGlyphs(), baudRate: 0 });
  try {
    const printed = new Promise<SimulatedReceipt>((resolve) => sim.onReceipt(resolve));
    await host.write(encodeReceipt(doc, profile, { glyphs: testGlyphs() }));
    return await printed;
  } finally {
    sim.dispose();
    await host.close();
    await device.close();
  }
}
