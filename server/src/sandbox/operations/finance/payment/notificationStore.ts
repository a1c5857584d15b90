import type { SqlValue } from '../../../../journal/sqlEngine';
import type { SandboxDb } from '../../../operationHandler';

/**
 * Notifications of order execution (извещения о принятии к исполнению распоряжений): payments
 * placed by payment agents (importNotificationsOfOrderExecution) or by the supplier itself
 * (importSupplierNotificationsOfOrderExecution), their cancellations, and the acknowledgments
 * (квитирование) that link them to payment documents. Amounts are kopecks.
 */

export interface Person {
  surname: string;
  firstName: string;
  patronymic?: string;
}

export interface NotificationBody {
  supplierId?: string;
  supplierName?: string;
  recipient?: {
    inn: string;
    legal?: { kpp: string; name: string };
    entpr?: Person;
    entprFio?: string;
    payment?: { inn?: string; kpp?: string; bankName?: string; recipient?: string; bik?: string; account?: string; corrAccount?: string; kbk?: string; oktmo?: string };
  };
  orderNum?: string;
  purpose?: string;
  online?: string;
  comment?: string;
  paymentDocumentNumber?: string;
}

export interface Notification {
  guid: string;
  orderId: string;
  kind: 'agent' | 'supplier';
  orgPPAGUID?: string;
  orderDate: string;
  amount: number;
  paymentDocumentId?: string;
  year?: number;
  month?: number;
  unifiedAccountNumber?: string;
  accountNumber?: string;
  serviceId?: string;
  body: NotificationBody;
  createdAt: string;
  cancellationGuid?: string;
  cancellationDate?: string;
  cancellationComment?: string;
  updatedAt: string;
}

const COLUMNS =
  'guid, order_id, kind, org_ppa_guid, order_date, amount, payment_document_id, year, month, unified_account_number, ' +
  'account_number, service_id, body, created_at, cancellation_guid, cancellation_date, cancellation_comment, updated_at';

export function saveNotification(db: SandboxDb, n: Notification): void {
  db.run(`INSERT OR REPLACE INTO payment_notifications (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
    n.guid.toLowerCase(),
    n.orderId,
    n.kind,
    n.orgPPAGUID ?? null,
    n.orderDate,
    n.amount,
    n.paymentDocumentId ?? null,
    n.year ?? null,
    n.month ?? null,
    n.unifiedAccountNumber ?? null,
    n.accountNumber ?? null,
    n.serviceId ?? null,
    JSON.stringify(n.body),
    n.createdAt,
    n.cancellationGuid ?? null,
    n.cancellationDate ?? null,
    n.cancellationComment ?? null,
    n.updatedAt,
  ]);
}

function opt(v: SqlValue | undefined): string | undefined {
  return v === null || v === undefined ? undefined : String(v);
}

function optNum(v: SqlValue | undefined): number | undefined {
  return v === null || v === undefined ? undefined : Number(v);
}

function row(r: Record<string, SqlValue> | undefined): Notification | undefined {
  if (!r) return undefined;
  return {
    guid: String(r.guid),
    orderId: String(r.order_id),
    kind: String(r.kind) as Notification['kind'],
    orgPPAGUID: opt(r.org_ppa_guid),
    orderDate: String(r.order_date),
    amount: Number(r.amount),
    paymentDocumentId: opt(r.payment_document_id),
    year: optNum(r.year),
    month: optNum(r.month),
    unifiedAccountNumber: opt(r.unified_account_number),
    accountNumber: opt(r.account_number),
    serviceId: opt(r.service_id),
    body: JSON.parse(String(r.body)) as NotificationBody,
    createdAt: String(r.created_at),
    cancellationGuid: opt(r.cancellation_guid),
    cancellationDate: opt(r.cancellation_date),
    cancellationComment: opt(r.cancellation_comment),
    updatedAt: String(r.updated_at),
  };
}

export function notificationByGuid(db: SandboxDb, guid: string): Notification | undefined {
  return row(db.get(`SELECT ${COLUMNS} FROM payment_notifications WHERE guid = lower(?)`, [guid]));
}

export function notificationByOrderId(db: SandboxDb, orderId: string): Notification | undefined {
  return row(db.get(`SELECT ${COLUMNS} FROM payment_notifications WHERE order_id = ?`, [orderId]));
}

export function notificationsWhere(db: SandboxDb, where: string, params: readonly SqlValue[]): Notification[] {
  return db.all(`SELECT ${COLUMNS} FROM payment_notifications WHERE ${where} ORDER BY created_at, guid`, params).map((r) => row(r)!);
}

export type AckServiceKind = 'HSType' | 'MSType' | 'ASType' | 'PServiceType' | 'TMSType' | 'impossible';

export interface Acknowledgment {
  guid: string;
  notificationGuid: string;
  orgPPAGUID?: string;
  paymentDocumentId?: string;
  paymentDocumentNumber?: string;
  serviceKind: AckServiceKind;
  serviceGuid?: string;
  serviceCode?: string;
  serviceName?: string;
  amount: number;
  reason?: string;
  paymentInformationGuid?: string;
  delayYear?: number;
  delayMonth?: number;
  cancelled: boolean;
  updatedAt: string;
}

const ACK_COLUMNS =
  'guid, notification_guid, org_ppa_guid, payment_document_id, payment_document_number, service_kind, service_guid, ' +
  'service_code, service_name, amount, reason, payment_information_guid, delay_year, delay_month, cancelled, updated_at';

export function saveAcknowledgment(db: SandboxDb, a: Acknowledgment): void {
  db.run(`INSERT OR REPLACE INTO acknowledgments (${ACK_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
    a.guid.toLowerCase(),
    a.notificationGuid.toLowerCase(),
    a.orgPPAGUID ?? null,
    a.paymentDocumentId ?? null,
    a.paymentDocumentNumber ?? null,
    a.serviceKind,
    a.serviceGuid?.toLowerCase() ?? null,
    a.serviceCode ?? null,
    a.serviceName ?? null,
    a.amount,
    a.reason ?? null,
    a.paymentInformationGuid?.toLowerCase() ?? null,
    a.delayYear ?? null,
    a.delayMonth ?? null,
    a.cancelled ? 1 : 0,
    a.updatedAt,
  ]);
}

function ackRow(r: Record<string, SqlValue>): Acknowledgment {
  return {
    guid: String(r.guid),
    notificationGuid: String(r.notification_guid),
    orgPPAGUID: opt(r.org_ppa_guid),
    paymentDocumentId: opt(r.payment_document_id),
    paymentDocumentNumber: opt(r.payment_document_number),
    serviceKind: String(r.service_kind) as AckServiceKind,
    serviceGuid: opt(r.service_guid),
    serviceCode: opt(r.service_code),
    serviceName: opt(r.service_name),
    amount: Number(r.amount),
    reason: opt(r.reason),
    paymentInformationGuid: opt(r.payment_information_guid),
    delayYear: optNum(r.delay_year),
    delayMonth: optNum(r.delay_month),
    cancelled: Number(r.cancelled) === 1,
    updatedAt: String(r.updated_at),
  };
}

/** The acknowledgments of a notification that are in force, in the order they were made. */
export function activeAcknowledgments(db: SandboxDb, notificationGuid: string): Acknowledgment[] {
  return db
    .all(`SELECT ${ACK_COLUMNS} FROM acknowledgments WHERE notification_guid = lower(?) AND cancelled = 0 ORDER BY rowid`, [notificationGuid])
    .map(ackRow);
}

/**
 * Состояние квитирования (bills:AckStatus): 0 new, 1 annulled, 2 fully acknowledged,
 * 3 partly, 5 cannot be acknowledged.
 */
export function ackStatus(n: Notification, acks: readonly Acknowledgment[]): number {
  if (n.cancellationGuid) return 1;
  if (acks.some((a) => a.serviceKind === 'impossible')) return 5;
  const sum = acks.reduce((s, a) => s + a.amount, 0);
  if (sum <= 0) return 0;
  return sum >= n.amount ? 2 : 3;
}
