/**
 * Namespaces of the finance services' requests and answers, and the prefixes the answers use.
 * Answers declare every prefix of their service (ProcessedResult.namespaces): unused declarations
 * are harmless and one table keeps the writers simple.
 */
const GIS = 'http://dom.gosuslugi.ru/schema/integration/';

export const NS = {
  base: `${GIS}base/`,
  bills: `${GIS}bills/`,
  billsBase: `${GIS}bills-base/`,
  accountBase: `${GIS}account-base/`,
  paymentsBase: `${GIS}payments-base/`,
  nsiBase: `${GIS}nsi-base/`,
  orgBase: `${GIS}organizations-base/`,
  orgRegistryBase: `${GIS}organizations-registry-base/`,
  individualBase: `${GIS}individual-registry-base/`,
  payment: `${GIS}payment/`,
  drs: `${GIS}drs/`,
  volumeQuality: `${GIS}volume-quality/`,
  outage: `${GIS}outage-report/`,
} as const;

/** Prefix → namespace, as written by the answer builders. */
export const PREFIXES: Readonly<Record<string, string>> = {
  base: NS.base,
  bills: NS.bills,
  'bills-base': NS.billsBase,
  'account-base': NS.accountBase,
  'payments-base': NS.paymentsBase,
  'nsi-base': NS.nsiBase,
  'organizations-base': NS.orgBase,
  'organizations-registry-base': NS.orgRegistryBase,
  'individual-registry-base': NS.individualBase,
  pm: NS.payment,
  drs: NS.drs,
  vq: NS.volumeQuality,
  outage: NS.outage,
};

/** The prefix the builders use for a namespace (for copying request subtrees into answers). */
export function prefixOf(ns: string | undefined): string | undefined {
  if (ns === undefined) return undefined;
  for (const [p, uri] of Object.entries(PREFIXES)) if (uri === ns) return p;
  return undefined;
}
