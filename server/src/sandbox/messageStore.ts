import type { SqlValue } from '../journal/sqlEngine';
import type { SandboxDatabase } from './sandboxDatabase';

/**
 * The protocol's table: every accepted message, keyed by the GIS MessageGUID the stand gave, and
 * unique by the sender's MessageGUID (lower case), which is what makes a resend idempotent.
 * The due times are fixed at acceptance, so a restart with other delays does not move them.
 */
export interface StoredMessage {
  gisGuid: string;
  senderGuid: string;
  service: string;
  operation: string;
  /** 1 received, 2 processing, 3 processed: as last seen (the due times decide). */
  state: number;
  orgPPAGUID?: string;
  senderId?: string;
  requestVersion?: string;
  receivedAt: number;
  processingDue: number;
  doneDue: number;
  processedAt?: number;
  ackXml: string;
  requestXml: string;
  /** The elements after base:MessageGUID in getStateResult, and their namespaces (JSON). */
  resultXml?: string;
  resultNamespaces?: Record<string, string>;
  errorCode?: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sandbox_message (
  gis_guid TEXT PRIMARY KEY,
  sender_guid TEXT NOT NULL UNIQUE,
  service TEXT NOT NULL,
  operation TEXT NOT NULL,
  state INTEGER NOT NULL,
  org_ppa_guid TEXT,
  sender_id TEXT,
  request_version TEXT,
  received_at INTEGER NOT NULL,
  processing_due INTEGER NOT NULL,
  done_due INTEGER NOT NULL,
  processed_at INTEGER,
  ack_xml TEXT NOT NULL,
  request_xml TEXT NOT NULL,
  result_xml TEXT,
  result_namespaces TEXT,
  error_code TEXT
);
CREATE INDEX IF NOT EXISTS sandbox_message_unprocessed ON sandbox_message(done_due) WHERE processed_at IS NULL;
`;

const COLUMNS = [
  'gis_guid', 'sender_guid', 'service', 'operation', 'state', 'org_ppa_guid', 'sender_id', 'request_version', 'received_at',
  'processing_due', 'done_due', 'processed_at', 'ack_xml', 'request_xml', 'result_xml', 'result_namespaces', 'error_code',
] as const;

export class MessageStore {
  constructor(private readonly db: SandboxDatabase) {
    for (const stmt of SCHEMA.split(';').map((s) => s.trim()).filter(Boolean)) db.run(stmt);
  }

  bySender(senderGuid: string): StoredMessage | undefined {
    return this.one('sender_guid = ?', senderGuid.toLowerCase());
  }

  byGis(gisGuid: string): StoredMessage | undefined {
    return this.one('gis_guid = ?', gisGuid.toLowerCase());
  }

  insert(m: StoredMessage): void {
    const row: SqlValue[] = [
      m.gisGuid, m.senderGuid.toLowerCase(), m.service, m.operation, m.state, m.orgPPAGUID ?? null, m.senderId ?? null, m.requestVersion ?? null,
      m.receivedAt, m.processingDue, m.doneDue, m.processedAt ?? null, m.ackXml, m.requestXml, m.resultXml ?? null,
      m.resultNamespaces ? JSON.stringify(m.resultNamespaces) : null, m.errorCode ?? null,
    ];
    this.db.run(`INSERT INTO sandbox_message(${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`, row);
  }

  setState(gisGuid: string, state: number): void {
    this.db.run('UPDATE sandbox_message SET state = ? WHERE gis_guid = ? AND state < ?', [state, gisGuid, state]);
  }

  setResult(gisGuid: string, processedAt: number, resultXml: string, namespaces: Record<string, string>, errorCode?: string): void {
    this.db.run('UPDATE sandbox_message SET state = 3, processed_at = ?, result_xml = ?, result_namespaces = ?, error_code = ?, request_xml = ? WHERE gis_guid = ?', [
      processedAt,
      resultXml,
      JSON.stringify(namespaces),
      errorCode ?? null,
      // The request is not needed once processed; the ack stays for resends.
      '',
      gisGuid,
    ]);
  }

  /** GIS MessageGUIDs of messages not processed yet, soonest first. */
  unprocessed(): { gisGuid: string; doneDue: number }[] {
    return this.db.rows('SELECT gis_guid, done_due FROM sandbox_message WHERE processed_at IS NULL ORDER BY done_due').map((r) => ({ gisGuid: String(r[0]), doneDue: Number(r[1]) }));
  }

  count(where = '1 = 1'): number {
    return Number(this.db.rows(`SELECT count(*) FROM sandbox_message WHERE ${where}`)[0][0]);
  }

  private one(where: string, value: string): StoredMessage | undefined {
    const r = this.db.get(`SELECT ${COLUMNS.join(', ')} FROM sandbox_message WHERE ${where}`, [value]);
    if (!r) return undefined;
    const opt = (v: SqlValue) => (v === null ? undefined : String(v));
    return {
      gisGuid: String(r.gis_guid),
      senderGuid: String(r.sender_guid),
      service: String(r.service),
      operation: String(r.operation),
      state: Number(r.state),
      orgPPAGUID: opt(r.org_ppa_guid),
      senderId: opt(r.sender_id),
      requestVersion: opt(r.request_version),
      receivedAt: Number(r.received_at),
      processingDue: Number(r.processing_due),
      doneDue: Number(r.done_due),
      processedAt: r.processed_at === null ? undefined : Number(r.processed_at),
      ackXml: String(r.ack_xml),
      requestXml: String(r.request_xml),
      resultXml: opt(r.result_xml),
      resultNamespaces: r.result_namespaces === null ? undefined : (JSON.parse(String(r.result_namespaces)) as Record<string, string>),
      errorCode: opt(r.error_code),
    };
  }
}
