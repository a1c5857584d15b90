import type { SandboxDb } from '../../../operationHandler';

/**
 * Service interruptions a supplier reports: volume-quality intervals (перерывы и снижение
 * качества) and outage reports (сведения о перерывах для жителей). Only imports exist for them in
 * the bundled package, so the stand keeps what the rules need: owner, data, annulment.
 */
export type NoticeTable = 'volume_quality_intervals' | 'outage_reports';

export interface Notice {
  guid: string;
  orgPPAGUID?: string;
  body: unknown;
  annulmentReason?: string;
  updatedAt: string;
}

export function noticeByGuid(db: SandboxDb, table: NoticeTable, guid: string): Notice | undefined {
  const r = db.get(`SELECT guid, org_ppa_guid, body, annulment_reason, updated_at FROM ${table} WHERE guid = lower(?)`, [guid]);
  if (!r) return undefined;
  return {
    guid: String(r.guid),
    orgPPAGUID: r.org_ppa_guid === null ? undefined : String(r.org_ppa_guid),
    body: JSON.parse(String(r.body)),
    annulmentReason: r.annulment_reason === null ? undefined : String(r.annulment_reason),
    updatedAt: String(r.updated_at),
  };
}

export function saveNotice(db: SandboxDb, table: NoticeTable, n: Notice, extra: { baseKind?: string; contractRootGuid?: string } = {}): void {
  if (table === 'volume_quality_intervals') {
    db.run(
      'INSERT OR REPLACE INTO volume_quality_intervals (guid, org_ppa_guid, base_kind, contract_root_guid, body, annulment_reason, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [n.guid.toLowerCase(), n.orgPPAGUID ?? null, extra.baseKind ?? null, extra.contractRootGuid?.toLowerCase() ?? null, JSON.stringify(n.body), n.annulmentReason ?? null, n.updatedAt],
    );
  } else {
    db.run('INSERT OR REPLACE INTO outage_reports (guid, org_ppa_guid, body, annulment_reason, updated_at) VALUES (?, ?, ?, ?, ?)', [
      n.guid.toLowerCase(),
      n.orgPPAGUID ?? null,
      JSON.stringify(n.body),
      n.annulmentReason ?? null,
      n.updatedAt,
    ]);
  }
}
