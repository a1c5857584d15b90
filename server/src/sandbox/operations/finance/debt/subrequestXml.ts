import { el, leaf } from '../xml';
import type { Subrequest } from './subrequestStore';

/** drs:subrequestData (DSRType) of a subrequest, with its answer when asked for. */
export function subrequestXml(s: Subrequest, withResponse: boolean): string {
  const i = s.info;
  const o = i.object;
  const object = o.houseGuid
    ? leaf('drs:houseGUID', o.houseGuid) + leaf('drs:addressDetails', o.addressDetails)
    : leaf('drs:HMobjectGUID', o.hmObjectGuid) + leaf('drs:adressType', o.addressType);
  return el(
    'drs:subrequestData',
    leaf('drs:subrequestGUID', s.guid),
    el(
      'drs:requestInfo',
      leaf('drs:requestGUID', i.requestGuid),
      leaf('drs:requestNumber', i.requestNumber),
      el('drs:organization', leaf('drs:orgRootGUID', i.organization.rootGuid), leaf('drs:name', i.organization.name), leaf('drs:tel', i.organization.tel)),
      el('drs:housingFundObject', object, leaf('drs:fiasHouseGUID', o.fiasHouseGuid), leaf('drs:address', o.address)),
      el('drs:period', leaf('base:startDate', i.period.start), leaf('base:endDate', i.period.end)),
      leaf('drs:status', s.status),
      leaf('drs:sentDate', s.sentDate),
      leaf('drs:responseDate', s.responseDate),
      el('drs:executorInfo', leaf('drs:GUID', i.executor.guid), leaf('drs:fio', i.executor.fio)),
    ),
    leaf('drs:responseStatus', s.responseStatus),
    withResponse && s.responseXml ? el('drs:responseData', s.responseXml) : '',
  );
}
