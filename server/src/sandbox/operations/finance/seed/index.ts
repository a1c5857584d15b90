import type { SandboxDb } from '../../../operationHandler';
import { seedDebts } from './debts';
import { seedDocuments } from './documents';
import { seedNotices } from './notices';
import { seedPayments } from './payments';
import { seedReference } from './reference';
import { seedSettlements } from './settlements';

const MARK = 'finance-seed';

/** Inserts the finance services' seed once per database (a mark in fin_meta), after the tables exist. */
export function seedFinance(db: SandboxDb): void {
  if (db.get('SELECT value FROM fin_meta WHERE key = ?', [MARK])) return;
  seedReference(db);
  seedDocuments(db);
  seedPayments(db);
  seedSettlements(db);
  seedDebts(db);
  seedNotices(db);
  db.run('INSERT INTO fin_meta (key, value) VALUES (?, ?)', [MARK, '1']);
}
