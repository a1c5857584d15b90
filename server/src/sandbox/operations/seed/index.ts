import type { SandboxDb } from '../../operationHandler';
import { seedAccounts } from './accountSeed';
import { seedContracts } from './contractSeed';
import { seedHouses } from './houseSeed';
import { seedMeters } from './meterSeed';
import { seedNsi } from './nsiSeed';
import { seedOrganizations } from './orgSeed';

/**
 * Next numbers the stand gives out. They continue the samples' numbering, so sending the samples
 * gives the numbers their answers show (ЕЛС 69ПД107354 for the new account, 69ИПУ5102847 and
 * 69ИПУ5102848 for the new meters, 69ОДПУ0031906 for the house meter).
 */
const COUNTERS: [string, number][] = [
  ['els', 107354],
  ['house', 31502],
  ['ipu', 5102847],
  ['odpu', 31906],
];

/** Inserts the story once: a database that has the counters already has the seed. */
export function seedOnce(db: SandboxDb): void {
  const done = db.get('SELECT COUNT(*) AS n FROM sandbox_counters');
  if (Number(done?.n ?? 0) > 0) return;
  seedOrganizations(db);
  seedNsi(db);
  seedHouses(db);
  seedAccounts(db);
  seedMeters(db);
  seedContracts(db);
  for (const [name, value] of COUNTERS) db.run('INSERT INTO sandbox_counters (name, value) VALUES (?, ?)', [name, value]);
}
