// The locker journal of the kiosk (main/session): composition roots open the SQLite file, main/ may not.
import Database from 'better-sqlite3';
import { LockerJournal } from '../session/locker-journal';

/** `<dataDir>/lockers.sqlite`: one row per door opened for a citizen, until the back office has its record. */
export const openLockerJournal = (dataDir: string): LockerJournal =>
  new LockerJournal({ dataDir, openDatabase: (file) => new Database(file) });
