import type { Rule, RuleCheck, RuleContext } from './rule';
import { say } from './rule';

/**
 * How many records GIS takes in one request, as the field's products split uploads (GIS-FACTS §5);
 * some are looser than the XSD, some are not in it at all.
 */
const LIMITS: { request: string; records: string[]; limit: number; ru: string; en: string }[] = [
  { request: 'importAccountRequest', records: ['Account'], limit: 100, ru: 'лицевых счетов', en: 'accounts' },
  { request: 'importMeteringDeviceDataRequest', records: ['MeteringDevice'], limit: 100, ru: 'приборов учёта', en: 'meters' },
  { request: 'importMeteringDeviceValuesRequest', records: ['CurrentValue', 'ControlValue', 'StartValue', 'EndValue'], limit: 1000, ru: 'показаний', en: 'readings' },
  { request: 'importPaymentDocumentRequest', records: ['PaymentDocument'], limit: 1000, ru: 'платёжных документов', en: 'payment documents' },
  { request: 'importNotificationsOfOrderExecutionRequest', records: ['NotificationOfOrderExecutionType', 'NotificationOfOrderExecution139Type'], limit: 1000, ru: 'извещений о принятии к исполнению распоряжений', en: 'payment notices' },
  { request: 'importSupplierNotificationsOfOrderExecutionRequest', records: ['SupplierNotificationOfOrderExecution'], limit: 1000, ru: 'извещений о принятии к исполнению распоряжений', en: 'payment notices' },
  { request: 'importAcknowledgmentRequest', records: ['AcknowledgmentRequestInfo'], limit: 1000, ru: 'квитирований', en: 'acknowledgments' },
];

export const batchLimits: Rule = {
  code: 'gis-batch-limit',
  defaultSeverity: 'warning',
  begin(ctx: RuleContext): RuleCheck {
    return {
      end(r) {
        const limit = r && LIMITS.find((l) => l.request === r.local);
        if (!r || !limit) return [];
        const count = limit.records.reduce((n, name) => n + (r.counts.get(name) ?? 0), 0);
        if (count <= limit.limit) return [];
        return [
          {
            start: r.nameStart,
            end: r.nameEnd,
            message: say(
              ctx.lang,
              `В запросе ${count} ${limit.ru}, а ГИС за один запрос принимает не больше ${limit.limit}: разбейте его на ${Math.ceil(count / limit.limit)}`,
              `The request holds ${count} ${limit.en}; GIS takes at most ${limit.limit} per request: split it into ${Math.ceil(count / limit.limit)}`,
            ),
          },
        ];
      },
    };
  },
};
