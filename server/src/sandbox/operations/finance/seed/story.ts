/**
 * The identifiers of the samples' story (samples/README.md): organisations in Tver, the house on
 * ul. Sofyi Perovskoy 12, the heat supply contract ТС-118/2026. One object, one GUID, as in the
 * sample files.
 */
export const ORG = {
  uk: '9a431066-1aef-4f92-a2c2-639b83efb368',
  rc: '4f9f02b4-9305-44b8-b459-917827582cdc',
  heat: '6a93ec99-1731-49ea-915a-0c8b8e5690dc',
  water: '56954e11-6b09-4075-aa2b-7057e0670256',
};

export const ORG_ROOT = {
  uk: '81693f5d-3fb3-405a-b00f-5df2998ea116',
  heat: 'f6011095-11f9-4516-9577-6cb58b17ac09',
};

export const HOUSE = {
  perovskoy12: '7fc62d83-cecc-4563-9eac-170dfcc8b05d',
};

export const HEAT_CONTRACT = '719abc97-1eb1-4ad0-915c-809008e23d82';

export const BANK = {
  bik: '042809913',
  name: 'АО «Банк Верхневолжский»',
  corr: '30101810000000000913',
  ukAccount: '40702810760000001234',
  heatAccount: '40702810560000004321',
  waterAccount: '40702810960000002468',
  rcAccount: '40702810160000007531',
};

/** Payment details (bank accounts) of УК Заволжье's documents: its own and the heat supplier's. */
export const PAYMENT_INFO = {
  uk: '2e10e556-0cc9-4887-85aa-34e2e1b32ab9',
  heat: 'a42ebdb1-b42a-45d4-ba3d-d69cc841818f',
};

/** Flat 14: account 14-0127, ЕЛС 69ПД041873, its October 2026 document. */
export const FLAT14 = {
  accountGuid: '680fa1d0-e529-4f92-b738-8d7eed6761ae',
  accountNumber: '14-0127',
  els: '69ПД041873',
  serviceId: '69ПД041873-01',
  documentGuid: 'c049584c-181d-4991-ab9a-14bd28229caa',
  documentId: '69ПД041873-01-6101',
  documentNumber: '0014-2026-10',
};

/** Flat 27: its October 2026 document, paid in УК's cash office. */
export const FLAT27 = {
  accountGuid: 'b6f1c3a2-7d4e-4f8a-9c21-5e3d7a9b1f64',
  accountNumber: '27-0131',
  els: '69ПД041886',
  serviceId: '69ПД041886-01',
  documentGuid: '3d9e4b71-52c8-4a0f-8e6d-1b7f2c9a4e05',
  documentId: '69ПД041886-01-6101',
  documentNumber: '0027-2026-10',
};
