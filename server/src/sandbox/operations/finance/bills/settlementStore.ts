import type { SandboxDb } from '../../../operationHandler';

/**
 * Settlements between a resource supplier (РСО) and the provider of communal services (ИКУ) under
 * a supply contract: one record per contract, reporting periods per side. A period's information
 * is kept as the answer's XML (ReportPeriodRSOInfoType / ReportPeriodIKUInfoType content), which
 * the import's ReportingPeriodInfo already is.
 */

export interface SettlementContract {
  contractRootGuid: string;
  contractNumber?: string;
  rsoOrgRootGuid?: string;
  rsoOrgPPAGUID?: string;
  ikuOrgRootGuid?: string;
  ikuOrgPPAGUID?: string;
}

export function settlementContract(db: SandboxDb, contractRootGuid: string): SettlementContract | undefined {
  const r = db.get('SELECT * FROM settlement_contracts WHERE contract_root_guid = lower(?)', [contractRootGuid]);
  if (r) {
    const s = (k: string) => (r[k] === null || r[k] === undefined ? undefined : String(r[k]));
    return {
      contractRootGuid: String(r.contract_root_guid),
      contractNumber: s('contract_number'),
      rsoOrgRootGuid: s('rso_org_root_guid'),
      rsoOrgPPAGUID: s('rso_org_ppa_guid'),
      ikuOrgRootGuid: s('iku_org_root_guid'),
      ikuOrgPPAGUID: s('iku_org_ppa_guid'),
    };
  }
  return contractOfHouseManagement(db, contractRootGuid);
}

/**
 * A supply contract placed through house-management (importSupplyResourceContractData) is known
 * too: any table of that side with a contract_root_guid column is asked.
 */
function contractOfHouseManagement(db: SandboxDb, contractRootGuid: string): SettlementContract | undefined {
  const tables = db.all("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('settlement_contracts', 'settlements')");
  for (const t of tables) {
    const name = String(t.name);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
    const columns = db.all(`PRAGMA table_info(${name})`).map((c) => String(c.name));
    if (!columns.includes('contract_root_guid')) continue;
    const r = db.get(`SELECT * FROM ${name} WHERE lower(contract_root_guid) = lower(?)`, [contractRootGuid]);
    if (!r) continue;
    const number = r.contract_number ?? r.number;
    return { contractRootGuid: contractRootGuid.toLowerCase(), contractNumber: number === undefined || number === null ? undefined : String(number) };
  }
  return undefined;
}

export interface Settlement {
  guid: string;
  contractRootGuid: string;
  orgPPAGUID?: string;
  annulmentReason?: string;
  updatedAt: string;
}

export function settlementByGuid(db: SandboxDb, guid: string): Settlement | undefined {
  return settlement(db.get('SELECT * FROM settlements WHERE guid = lower(?)', [guid]));
}

export function settlementOfContract(db: SandboxDb, contractRootGuid: string): Settlement | undefined {
  return settlement(db.get('SELECT * FROM settlements WHERE contract_root_guid = lower(?) AND annulment_reason IS NULL', [contractRootGuid]));
}

function settlement(r: Record<string, unknown> | undefined): Settlement | undefined {
  if (!r) return undefined;
  return {
    guid: String(r.guid),
    contractRootGuid: String(r.contract_root_guid),
    orgPPAGUID: r.org_ppa_guid === null ? undefined : String(r.org_ppa_guid),
    annulmentReason: r.annulment_reason === null ? undefined : String(r.annulment_reason),
    updatedAt: String(r.updated_at),
  };
}

export function saveSettlement(db: SandboxDb, s: Settlement): void {
  db.run('INSERT OR REPLACE INTO settlements (guid, contract_root_guid, org_ppa_guid, annulment_reason, updated_at) VALUES (?, ?, ?, ?, ?)', [
    s.guid.toLowerCase(),
    s.contractRootGuid.toLowerCase(),
    s.orgPPAGUID ?? null,
    s.annulmentReason ?? null,
    s.updatedAt,
  ]);
}

export type Side = 'RSO' | 'IKU';

export interface SettlementPeriod {
  settlementGuid: string;
  year: number;
  month: number;
  side: Side;
  infoXml: string;
  status: 'Posted' | 'Annul';
  annulmentReason?: string;
  updatedAt: string;
}

export function savePeriod(db: SandboxDb, p: SettlementPeriod): void {
  db.run(
    `INSERT OR REPLACE INTO settlement_periods (settlement_guid, year, month, side, info_xml, status, annulment_reason, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [p.settlementGuid.toLowerCase(), p.year, p.month, p.side, p.infoXml, p.status, p.annulmentReason ?? null, p.updatedAt],
  );
}

export function periodsOf(db: SandboxDb, settlementGuid: string): SettlementPeriod[] {
  return db
    .all('SELECT * FROM settlement_periods WHERE settlement_guid = lower(?) ORDER BY year, month, side DESC', [settlementGuid])
    .map((r) => ({
      settlementGuid: String(r.settlement_guid),
      year: Number(r.year),
      month: Number(r.month),
      side: String(r.side) as Side,
      infoXml: String(r.info_xml),
      status: String(r.status) as SettlementPeriod['status'],
      annulmentReason: r.annulment_reason === null ? undefined : String(r.annulment_reason),
      updatedAt: String(r.updated_at),
    }));
}
