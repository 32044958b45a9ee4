// The print journal of the kiosk (main/printing): composition roots open the SQLite file, main/ may not.
import Database from 'better-sqlite3';
import { PrintJournalStore } from '../printing';

/** `<dataDir>/printing.sqlite`: one row per printed thing's key, never a document. */
export const openPrintJournal = (dataDir: string): PrintJournalStore =>
  new PrintJournalStore({ dataDir, openDatabase: (file) => new Database(file) });
