import type { SandboxDb } from '../../operationHandler';
import { stableGuid } from '../common';
import { NsiField, insertNsiItem } from '../nsi/nsiStore';
import { ORG } from './orgSeed';

/**
 * NSI registries of the stand. Codes are GIS's where known; GUIDs named in samples/ are used as
 * they are there, the rest are fixed name-based GUIDs. Registries 1, 51 and 337 are kept by each
 * information provider (org_ppa_guid); 337's first level (codes 1, 2, 3, 8) is common.
 */

interface RegistrySeed {
  registry: number;
  name: string;
  modified: string;
  provider?: boolean;
  /** [code, name, guid?, extra fields?] */
  items: [string, string, string?, NsiField[]?][];
  /** The name of the position's main string field. */
  field?: string;
}

const okei = (code: string): NsiField => ({ t: 'okei', n: 'Единица измерения', code });

const REGISTRIES: RegistrySeed[] = [
  {
    registry: 2,
    name: 'Вид коммунального ресурса',
    modified: '2026-01-19T16:40:11+03:00',
    items: [
      ['1', 'Холодная вода', 'edf03a81-a82e-4d03-b28f-b196551cd76f', [okei('113')]],
      ['2', 'Горячая вода', '36e22408-8863-4928-b784-a110a6c7d124', [okei('113')]],
      ['3', 'Электрическая энергия', '8aebf534-ae3c-409d-8fc1-9c1e0dd9eb4c', [okei('245')]],
      ['4', 'Газ', '5ed2b057-3f53-4c46-924f-421d0a20bdc5', [okei('113')]],
      ['5', 'Тепловая энергия', '1de090ad-ee23-401a-a94e-c1d8ef912bf2', [okei('233')]],
      ['6', 'Бытовой газ в баллонах', '37cbd046-0f21-48b1-849a-9517e043c44b', [okei('166')]],
      ['7', 'Твердое топливо', '9141acb9-63ec-42ec-88bd-95f1b46d5736', [okei('168')]],
      ['8', 'Сточные воды', '7ca467f3-8d39-452d-87b1-6b9522b737e5', [okei('113')]],
    ],
  },
  {
    registry: 3,
    name: 'Вид коммунальной услуги',
    modified: '2025-11-27T10:05:48+03:00',
    items: [
      ['1', 'Холодное водоснабжение', 'd22f7488-e688-4cc6-9197-27ab5f3b9eee'],
      ['2', 'Горячее водоснабжение', '323f4389-d771-446a-8b36-7191849c617f'],
      ['3', 'Водоотведение', '97b0665c-8dec-4f9d-961f-0be4594bbc71'],
      ['4', 'Электроснабжение', '81255fff-a196-41c3-a4aa-ddb401cc3b19'],
      ['5', 'Газоснабжение'],
      ['6', 'Отопление', '3c858465-c835-4154-859b-5f4000a84170'],
      ['8', 'Обращение с твердыми коммунальными отходами'],
    ],
  },
  {
    registry: 16,
    name: 'Межповерочный интервал',
    modified: '2024-09-03T12:31:07+03:00',
    items: [
      ['1', '1 год'],
      ['2', '2 года'],
      ['3', '3 года'],
      ['4', '4 года', 'd4769dae-81e4-4b5a-a151-df1505bd9515'],
      ['5', '5 лет'],
      ['6', '6 лет', 'f27bda84-a919-4302-a508-4b2187a5334c'],
      ['8', '8 лет'],
      ['10', '10 лет'],
      ['12', '12 лет'],
    ],
  },
  {
    registry: 20,
    name: 'Полномочие организации',
    modified: '2025-03-11T09:00:00+03:00',
    items: [
      ['1', 'Управляющая организация', '2feb41fc-f915-43d6-969a-320b3d49b9f9'],
      ['2', 'Ресурсоснабжающая организация', 'fe44b7ea-0271-4fcd-b614-aabcbec155e8'],
      ['6', 'Товарищество собственников жилья'],
      ['11', 'Расчетный центр'],
    ],
  },
  {
    registry: 21,
    name: 'Причина архивации прибора учета',
    modified: '2025-06-16T08:52:39+03:00',
    items: [
      ['1', 'Истек срок поверки'],
      ['2', 'Выход прибора учета из строя'],
      ['3', 'Замена прибора учета'],
      ['4', 'Демонтаж прибора учета'],
      ['5', 'Ошибка ввода'],
    ],
  },
  {
    registry: 22,
    name: 'Причина закрытия лицевого счета',
    modified: '2025-02-10T14:18:26+03:00',
    items: [
      ['1', 'Смена собственника помещения', '50a9e355-704e-4616-9265-e8259d918a42'],
      ['2', 'Ошибка ввода'],
      ['3', 'Изменение способа управления домом'],
      ['4', 'Окончание действия договора'],
      ['5', 'Снос дома'],
    ],
  },
  {
    registry: 24,
    name: 'Состояние дома',
    modified: '2024-04-22T10:00:00+03:00',
    items: [
      ['1', 'Аварийный'],
      ['2', 'Исправный', '57c8591e-69d3-443c-b6f9-8a46f4b75860'],
      ['3', 'Ветхий'],
    ],
  },
  {
    registry: 27,
    name: 'Тип прибора учета',
    modified: '2025-08-21T11:27:03+03:00',
    field: 'Тип прибора учета',
    items: [
      ['1', 'Индивидуальный', 'ae828559-8a95-4c44-9a57-316d5aae16b3'],
      ['2', 'Общий (квартирный)', 'e69095dc-8bb9-4dcf-b894-cdbfaf2f9d9c'],
      ['3', 'Комнатный', '076cf1b7-4b05-4d5f-bb96-3dd9feef1108'],
      ['4', 'Коллективный (общедомовой)', 'dc28fbc3-6d25-4b19-ab2e-9d630817a45e'],
    ],
  },
  {
    registry: 30,
    name: 'Характеристика помещения',
    modified: '2024-04-22T10:00:00+03:00',
    items: [
      ['1', 'Отдельная квартира', '76f84bed-ee38-441b-abcd-001c5896c74c'],
      ['2', 'Квартира коммунального заселения', 'aaad3032-b510-4c34-9d89-876b2d8eade1'],
      ['3', 'Общежитие'],
    ],
  },
  {
    registry: 32,
    name: 'Часовая зона по Olson',
    modified: '2023-10-02T10:00:00+03:00',
    items: [
      ['1', 'Europe/Moscow', '6bce7412-3ea4-4790-a9c4-d735949872f8'],
      ['2', 'Europe/Samara'],
      ['3', 'Asia/Yekaterinburg'],
      ['4', 'Europe/Kaliningrad'],
    ],
  },
  {
    registry: 50,
    name: 'Вид жилищной услуги',
    modified: '2025-01-15T10:00:00+03:00',
    items: [
      ['1', 'Плата за содержание жилого помещения'],
      ['2', 'Плата за наем'],
      ['3', 'Взнос на капитальный ремонт'],
    ],
  },
  {
    registry: 95,
    name: 'Документ, удостоверяющий личность',
    modified: '2024-12-02T10:00:00+03:00',
    items: [
      ['1', 'Паспорт гражданина Российской Федерации', '5b7e1a3e-5e24-4aac-ab37-f7574b7fce8d'],
      ['2', 'Свидетельство о рождении'],
      ['3', 'Паспорт иностранного гражданина'],
      ['4', 'Вид на жительство'],
    ],
  },
  {
    registry: 239,
    name: 'Тарифицируемый ресурс',
    modified: '2025-05-19T10:00:00+03:00',
    items: [
      ['1', 'Холодная вода'],
      ['2', 'Горячая вода', 'e1a4501c-8791-472a-b51d-190696c64165'],
      ['3', 'Электрическая энергия'],
      ['5', 'Тепловая энергия', 'f4796e59-8512-481e-ae0b-c2c64433f1cd'],
      ['8', 'Сточные воды'],
    ],
  },
  {
    registry: 337,
    name: 'Коммунальный ресурс, потребляемый при использовании и содержании общего имущества в многоквартирном доме',
    modified: '2025-09-01T10:00:00+03:00',
    provider: true,
    items: [
      ['1', 'Холодная вода', 'e03ff1d8-8771-4a0b-b4b0-9fa144b1dde7'],
      ['2', 'Горячая вода', '8ec0f9cd-940f-45ea-95fe-3c4d6515fba6'],
      ['3', 'Электрическая энергия', 'e8276b53-52bc-4f9a-914c-3f56542ab82c'],
      ['8', 'Сточные воды', '4cb2f1ba-3a88-4cf7-985c-0b23969f5466'],
    ],
  },
  { registry: 1, name: 'Вид дополнительной услуги', modified: '2026-02-10T12:00:00+03:00', provider: true, items: [] },
  { registry: 51, name: 'Главная коммунальная услуга', modified: '2026-02-10T12:00:00+03:00', provider: true, items: [] },
];

/** Positions the УК «Заволжье» placed before the samples' story (samples/nsi). */
function providerItems(): Parameters<typeof insertNsiItem>[1][] {
  const uk = ORG.uk.ppa;
  const modified = '2026-02-10T12:40:00+03:00';
  const additional = (code: string, name: string, unit: string, guid?: string) => ({
    registry: 1,
    code,
    guid: guid ?? stableGuid(`nsi:1:${code}`),
    name,
    orgPPAGUID: uk,
    isActual: true,
    modified,
    fields: [{ t: 'string', n: 'Вид дополнительной услуги', v: name }, okei(unit)] as NsiField[],
  });
  return [
    additional('1', 'Обслуживание коллективной телевизионной антенны', '642'),
    additional('2', 'Обслуживание шлагбаума', '642'),
    additional('3', 'Охрана придомовой территории', '055', 'e7d45972-ab67-4287-91b8-17532ff44242'),
    additional('4', 'Дератизация подвала', '055', '2b0bf59c-2906-40cb-8876-62f25a133d15'),
    {
      // Deleted at the start of November; samples/nsi/importMunicipalServices recovers it.
      registry: 51,
      code: '5',
      guid: '78624f8d-9ee2-4ea5-93b3-7f5883e0437e',
      name: 'Электроснабжение',
      orgPPAGUID: uk,
      isActual: false,
      modified: '2026-11-02T16:20:00+03:00',
      fields: [
        { t: 'ref', n: 'Вид коммунальной услуги', reg: 3, code: '4', guid: '81255fff-a196-41c3-a4aa-ddb401cc3b19', name: 'Электроснабжение' },
        { t: 'string', n: 'Главная коммунальная услуга', v: 'Электроснабжение' },
        { t: 'ref', n: 'Вид коммунального ресурса', reg: 2, code: '3', guid: '8aebf534-ae3c-409d-8fc1-9c1e0dd9eb4c', name: 'Электрическая энергия' },
        { t: 'string', n: 'Порядок сортировки', v: '5' },
      ],
    },
  ];
}

export function seedNsi(db: SandboxDb): void {
  for (const r of REGISTRIES) {
    db.run('INSERT INTO nsi_registries (registry, name, list_group, provider, modified) VALUES (?, ?, ?, ?, ?)', [
      r.registry,
      r.name,
      'NSI',
      r.provider ? 1 : 0,
      r.modified,
    ]);
    for (const [code, name, guid, extra] of r.items) {
      insertNsiItem(db, {
        registry: r.registry,
        code,
        guid: guid ?? stableGuid(`nsi:${r.registry}:${code}`),
        name,
        isActual: true,
        modified: r.modified,
        fields: [{ t: 'string', n: r.field ?? r.name, v: name }, ...(extra ?? [])],
      });
    }
  }
  for (const item of providerItems()) insertNsiItem(db, item);
}
