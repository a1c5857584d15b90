import type { SqlValue } from '../../../journal/sqlEngine';
import type { XmlElement } from '../../../xml/xmlTree';
import type { OperationHandler, SandboxDb } from '../../operationHandler';
import { ItemOutcome, answer, commonResultContent, errorMessage, kid, kids, mskDateTime, newGuid, nextNumber, str, text, txt } from '../common';
import { checkNsiRefs } from '../nsi/nsiStore';
import { CODES, err } from '../rules';
import { FieldBag, NS, copyChildren, copyXml, el, emitBag, fieldBag, leaf, mergeBags, parseBag, parseFragment } from '../xml';

/**
 * importAccountData / exportAccountData: personal accounts. A new account gets a ЕЛС (10
 * characters: region, «ПД», six digits from the stand's sequence) and a ЖКУ identifier (ЕЛС +
 * «-01»); GIS returns the ЕЛС as the account's UniqueNumber. Updates (AccountGUID) merge: what
 * the update leaves out — e.g. the accommodation of an account being closed — stays.
 */

const KIND_FLAGS: Record<string, string> = {
  isUOAccount: 'UO',
  isRSOAccount: 'RSO',
  isCRAccount: 'CR',
  isRCAccount: 'RC',
  isOGVorOMSAccount: 'OGV',
  isTKOAccount: 'TKO',
};

const NOT_DATA = new Set(['TransportGUID', 'AccountNumber', 'AccountGUID', 'AccountReasons', 'CreationDate']);

const ACCOUNT_NSI = { CloseReason: 22, Type: 95 };

/** Export order of AccountExportType's fields (after the kind flag and CreationDate). */
const BODY = ['LivingPersonsNumber', 'TotalSquare', 'ResidentialSquare', 'HeatedArea', 'Closed', 'Accommodation'];

interface Place {
  fias: string;
  premises?: string;
}

/** Where the account's accommodations are: the house, and the first premises or room. */
function resolvePlaces(db: SandboxDb, account: XmlElement): Place | ItemOutcome['errors'] {
  let place: Place | undefined;
  for (const a of kids(account, 'Accommodation')) {
    const premises = txt(a, 'PremisesGUID') ?? txt(a, 'LivingRoomGUID');
    if (premises) {
      const row = db.get('SELECT fias_house_guid FROM premises WHERE lower(premises_guid) = lower(?)', [premises]);
      if (!row) return [err(CODES.notFound, `Помещение (комната) ${premises} не найдено в ГИС ЖКХ`)];
      place ??= { fias: String(row.fias_house_guid), premises: premises.toLowerCase() };
      continue;
    }
    const fias = txt(a, 'FIASHouseGuid') ?? '';
    if (!db.get('SELECT 1 FROM houses WHERE lower(fias_house_guid) = lower(?)', [fias])) {
      return [err(CODES.fiasUnknown, `Дом с идентификатором ФИАС ${fias} не размещён в ГИС ЖКХ`)];
    }
    place ??= { fias: fias.toLowerCase() };
  }
  return place;
}

function importAccount(db: SandboxDb, org: string, now: string, a: XmlElement): ItemOutcome {
  const transportGuid = txt(a, 'TransportGUID') ?? '';
  const nsi = checkNsiRefs(db, a, ACCOUNT_NSI);
  if (nsi.length) return { transportGuid, errors: nsi };
  const place = resolvePlaces(db, a);
  if (Array.isArray(place)) return { transportGuid, errors: place };
  const kindFlag = a.children.find((c) => KIND_FLAGS[c.local]);
  const update: FieldBag = fieldBag(a, (c) => NOT_DATA.has(c.local));
  const reasons = kid(a, 'AccountReasons');
  const closed = kid(a, 'Closed') ? 1 : 0;
  const guid = txt(a, 'AccountGUID');
  const done = (row: Record<string, SqlValue>): ItemOutcome => ({
    transportGuid,
    guid: String(row.account_guid),
    uniqueNumber: String(row.unified_account_number),
    updateDate: now,
    extra: el(
      'hm',
      'ImportAccount',
      leaf('account-base', 'UnifiedAccountNumber', str(row.unified_account_number)) + leaf('account-base', 'ServiceID', str(row.zhku_id)),
    ),
  });

  if (guid) {
    const row = db.get('SELECT * FROM accounts WHERE lower(account_guid) = lower(?) AND lower(org_ppa_guid) = lower(?)', [guid, org]);
    if (!row) return { transportGuid, errors: [err(CODES.notFound, `Лицевой счёт ${guid} организации не найден в ГИС ЖКХ`)] };
    const stored = parseBag(row.data);
    for (const flag of Object.keys(KIND_FLAGS)) if (update[flag]) for (const other of Object.keys(KIND_FLAGS)) if (other !== flag) delete stored[other];
    const data = mergeBags(stored, update);
    db.run(
      `UPDATE accounts SET account_number = ?, fias_house_guid = ?, premises_guid = ?, closed = ?, updated_at = ?, account_kind = ?, data = ?, reasons = ?
       WHERE account_guid = ?`,
      [
        txt(a, 'AccountNumber') ?? str(row.account_number) ?? null,
        place?.fias ?? str(row.fias_house_guid) ?? null,
        place ? (place.premises ?? null) : (str(row.premises_guid) ?? null),
        closed || Number(row.closed) ? 1 : 0,
        now,
        kindFlag ? KIND_FLAGS[kindFlag.local] : str(row.account_kind) ?? null,
        JSON.stringify(data),
        reasons ? copyChildren(reasons) : (str(row.reasons) ?? null),
        row.account_guid,
      ],
    );
    return done(row);
  }

  if (!place) return { transportGuid, errors: [err(CODES.notFound, 'Для нового лицевого счёта не указано ни одно помещение или дом (Accommodation)')] };
  const region = str(db.get('SELECT region FROM fias_houses WHERE lower(fias_house_guid) = ?', [place.fias])?.region) ?? '69';
  const els = `${region}ПД${String(nextNumber(db, 'els')).padStart(6, '0')}`;
  const row = {
    account_guid: newGuid(),
    account_number: txt(a, 'AccountNumber') ?? null,
    unified_account_number: els,
    zhku_id: `${els}-01`,
  };
  db.run(
    `INSERT INTO accounts (account_guid, account_number, unified_account_number, zhku_id, fias_house_guid, premises_guid, org_ppa_guid,
       closed, updated_at, account_kind, created_at, data, reasons)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      row.account_guid,
      row.account_number,
      row.unified_account_number,
      row.zhku_id,
      place.fias,
      place.premises ?? null,
      org,
      closed,
      now,
      kindFlag ? KIND_FLAGS[kindFlag.local] : null,
      txt(a, 'CreationDate') ?? now,
      JSON.stringify(update),
      reasons ? copyChildren(reasons) : null,
    ],
  );
  return done(row);
}

const importAccountData: OperationHandler = {
  process(req, db) {
    const org = req.orgPPAGUID ?? req.senderId ?? '';
    const now = mskDateTime(req.receivedAt);
    const results = kids(req.request, 'Account').map((a) => el('hm', 'CommonResult', commonResultContent(importAccount(db, org, now, a))));
    return answer(el('hm', 'ImportResult', results.join(''), ' base:version="10.0.1.1"'));
  },
};

/** PayerInfo of the export: a person's document becomes hm:ID (its parts in hm's namespace). */
function payerXml(stored: string[] | undefined): string {
  if (!stored?.length) return '';
  const payer = parseFragment(stored[0]).children[0];
  const inner = payer.children
    .map((c) => {
      if (c.local !== 'Ind') return copyXml(c);
      const ind = c.children
        .map((p) => (p.local === 'ID' && p.ns === NS['individual-registry-base'] ? copyXml(p, { remap: { [NS['individual-registry-base']]: NS.hm } }) : copyXml(p)))
        .join('');
      return el('hm', 'Ind', ind);
    })
    .join('');
  return el('hm', 'PayerInfo', inner);
}

function accountXml(r: Record<string, SqlValue>): string {
  const bag = parseBag(r.data);
  const flag = Object.keys(KIND_FLAGS).find((f) => bag[f]) ?? 'isUOAccount';
  const reasons = str(r.reasons);
  return el(
    'hm',
    'exportAccountResult',
    leaf('hm', flag, 'true') +
      leaf('hm', 'CreationDate', str(r.created_at)) +
      emitBag(bag, BODY) +
      payerXml(bag.PayerInfo) +
      (reasons ? el('hm', 'AccountReasons', reasons) : '') +
      leaf('hm', 'AccountNumber', str(r.account_number)) +
      leaf('hm', 'AccountGUID', str(r.account_guid)) +
      leaf('account-base', 'UnifiedAccountNumber', str(r.unified_account_number)) +
      leaf('account-base', 'ServiceID', str(r.zhku_id)),
  );
}

const exportAccountData: OperationHandler = {
  process(req, db) {
    const org = req.orgPPAGUID ?? req.senderId ?? '';
    const values = (local: string) => kids(req.request, local).map((e) => text(e) ?? '');
    let rows: Record<string, SqlValue>[] = [];
    const fias = txt(req.request, 'FIASHouseGuid');
    if (fias) rows = db.all('SELECT * FROM accounts WHERE lower(fias_house_guid) = lower(?)', [fias]);
    const byList = (column: string, list: string[]) =>
      list.flatMap((v) => db.all(`SELECT * FROM accounts WHERE lower(${column}) = lower(?)`, [v]));
    rows.push(...byList('account_guid', values('AccountGUID')), ...byList('unified_account_number', values('UnifiedAccountNumber')), ...byList('zhku_id', values('ServiceID')));
    const mine = [...new Map(rows.filter((r) => String(r.org_ppa_guid).toLowerCase() === org.toLowerCase()).map((r) => [String(r.account_guid), r])).values()].sort(
      (a, b) => String(a.account_number ?? '').localeCompare(String(b.account_number ?? ''), 'ru', { numeric: true }),
    );
    if (mine.length === 0) return errorMessage(CODES.nothingToExport, 'Лицевые счета организации по указанным критериям не найдены');
    return answer(mine.map(accountXml).join(''));
  },
};

export const accountHandlers: Record<string, OperationHandler> = {
  'house-management/importAccountData': importAccountData,
  'house-management/exportAccountData': exportAccountData,
};
