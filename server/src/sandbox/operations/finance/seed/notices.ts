import type { SandboxDb } from '../../../operationHandler';
import { saveNotice } from '../notices/noticeStore';
import { HEAT_CONTRACT, HOUSE, ORG } from './story';

/**
 * Interruptions already placed that the samples correct or annul: the heat supplier's heating
 * stop of 5 November and a hot water record of 3 November (volume-quality), the water utility's
 * cold water limitation and a cancelled stop (outage-report).
 */
export function seedNotices(db: SandboxDb): void {
  const house = [{ fiasHouseGuid: HOUSE.perovskoy12 }];
  saveNotice(
    db,
    'volume_quality_intervals',
    {
      guid: '8a5992f6-1b98-4be8-811b-276cd7b7e4ee',
      orgPPAGUID: ORG.heat,
      body: { start: '2026-11-05T09:30:00+03:00', end: '2026-11-05T15:00:00+03:00', service: '3c858465-c835-4154-859b-5f4000a84170', reason: 'Замена запорной арматуры на стояке отопления подъезда 1', addresses: house },
      updatedAt: '2026-11-05T08:47:19.330+03:00',
    },
    { baseKind: 'DRSO', contractRootGuid: HEAT_CONTRACT },
  );
  saveNotice(
    db,
    'volume_quality_intervals',
    {
      guid: 'cbfa2cf8-467c-4a72-8f5d-29905d19d290',
      orgPPAGUID: ORG.heat,
      body: { start: '2026-11-03T09:00:00+03:00', end: '2026-11-03T17:00:00+03:00', service: 'f4796e59-8512-481e-ae0b-c2c64433f1cd', reason: 'Плановые работы в тепловой камере ТК-14', addresses: house },
      updatedAt: '2026-11-01T12:10:05.804+03:00',
    },
    { baseKind: 'DRSO', contractRootGuid: HEAT_CONTRACT },
  );
  saveNotice(db, 'outage_reports', {
    guid: '0c34c547-ed52-413a-8f4a-b409d41cbd43',
    orgPPAGUID: ORG.water,
    body: { type: 'LIMITATION', services: ['1'], start: '2026-11-26T10:00:00+03:00', end: '2026-11-26T14:00:00+03:00', objects: [{ kind: 'FiasHouseGUID', guid: HOUSE.perovskoy12 }] },
    updatedAt: '2026-11-18T15:31:40.117+03:00',
  });
  saveNotice(db, 'outage_reports', {
    guid: '29e67083-c74b-4ec4-94f6-6eb3c0f8d408',
    orgPPAGUID: ORG.water,
    body: { type: 'PAUSE', services: ['1', '3'], start: '2026-11-25T09:00:00+03:00', end: '2026-11-25T18:00:00+03:00', objects: [{ kind: 'FiasHouseGUID', guid: HOUSE.perovskoy12 }] },
    updatedAt: '2026-11-17T10:02:58.461+03:00',
  });
}
