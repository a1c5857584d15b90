import type { Lang } from '../validation/messages';
import type { InjectedFault } from './faultPlan';

/**
 * The stand's log: one short line per event, Russian or English. Only operation names, GUIDs,
 * codes and counts: no request content, nothing secret.
 */
export type SandboxEvent =
  | { kind: 'listening'; url: string; operations: number; dataFile?: string; seed?: number }
  | { kind: 'accepted'; op: string; sender: string; gis: string }
  | { kind: 'duplicate'; op: string; sender: string; gis: string }
  | { kind: 'refused'; code: string; message: string }
  | { kind: 'state'; gis: string; state: number }
  | { kind: 'processed'; op: string; gis: string; errorCode?: string }
  | { kind: 'injected'; fault: InjectedFault; path: string }
  | { kind: 'error'; message: string }
  | { kind: 'closed'; accepted: number; processed: number };

const INJECTED: Record<InjectedFault, [string, string]> = {
  drop: ['соединение разорвано до приёма', 'connection dropped before reading'],
  dropAfter: ['соединение разорвано после приёма, без ответа', 'connection dropped after accepting, no answer'],
  http500: ['ответ HTTP 500', 'HTTP 500 answer'],
  fault: ['SOAP Fault «сервис недоступен»', 'SOAP Fault "service unavailable"'],
  slow: ['медленный ответ', 'slow answer'],
  malformed: ['обрезанный ответ', 'truncated answer'],
};

export function eventLine(e: SandboxEvent, lang: Lang): string {
  const ru = lang === 'ru';
  switch (e.kind) {
    case 'listening': {
      const data = e.dataFile ? (ru ? `, данные: ${e.dataFile}` : `, data: ${e.dataFile}`) : ru ? ', данные в памяти' : ', data in memory';
      const seed = e.seed !== undefined ? (ru ? `, сбои: seed=${e.seed}` : `, faults: seed=${e.seed}`) : '';
      return ru ? `Песочница слушает ${e.url}: операций ${e.operations}${data}${seed}` : `Sandbox listening on ${e.url}: ${e.operations} operations${data}${seed}`;
    }
    case 'accepted':
      return ru ? `Принято ${e.op}: ${e.sender} → ${e.gis}` : `Accepted ${e.op}: ${e.sender} → ${e.gis}`;
    case 'duplicate':
      return ru ? `Повтор ${e.op} ${e.sender}: прежняя квитанция ${e.gis}` : `Resend of ${e.op} ${e.sender}: original acknowledgement ${e.gis}`;
    case 'refused':
      return ru ? `Отказ ${e.code}: ${e.message}` : `Refused ${e.code}: ${e.message}`;
    case 'state':
      return ru ? `Состояние ${e.gis}: ${e.state}` : `State of ${e.gis}: ${e.state}`;
    case 'processed':
      return e.errorCode
        ? ru ? `Обработано ${e.op} ${e.gis} с ошибкой ${e.errorCode}` : `Processed ${e.op} ${e.gis} with error ${e.errorCode}`
        : ru ? `Обработано ${e.op} ${e.gis}` : `Processed ${e.op} ${e.gis}`;
    case 'injected':
      return ru ? `Сбой: ${INJECTED[e.fault][0]} (${e.path})` : `Fault: ${INJECTED[e.fault][1]} (${e.path})`;
    case 'error':
      return ru ? `Ошибка песочницы: ${e.message}` : `Sandbox error: ${e.message}`;
    case 'closed':
      return ru ? `Песочница остановлена: принято ${e.accepted}, обработано ${e.processed}` : `Sandbox stopped: ${e.accepted} accepted, ${e.processed} processed`;
  }
}
