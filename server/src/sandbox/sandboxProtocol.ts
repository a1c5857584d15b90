import { randomUUID } from 'node:crypto';
import type { Operation } from '../catalog/operationCatalog';
import { SOAP11_NS } from '../xml/documentShape';
import { child, parseXmlTree } from '../xml/xmlTree';
import { FAULT, SandboxFault, clientFault } from './faultCodes';
import { MessageStore, StoredMessage } from './messageStore';
import type { ProcessedResult, SandboxOperations, SandboxRequest } from './operationHandler';
import type { CheckedRequest } from './requestCheck';
import type { SandboxDatabase } from './sandboxDatabase';
import type { SandboxEvent } from './sandboxLog';
import type { SandboxStats } from './sandboxOptions';
import type { SandboxRoutes } from './sandboxRoutes';
import { SerialQueue } from './serialQueue';
import { ackEnvelope, errorMessageResult, faultEnvelope, stateEnvelope, stateResultElement } from './soapAnswers';

/**
 * GIS's asynchronous protocol over the stand's database: a new request is stored and
 * acknowledged (a resend gets the original acknowledgement), getState reports RequestState
 * 1 → 2 → 3 by the due times fixed at acceptance, and each message is processed exactly once,
 * when it becomes due (timer) or is asked about, whichever comes first. Every change is written
 * to the database file before the answer is returned.
 */
export interface SoapAnswer {
  readonly status: number;
  readonly body: string;
}

export interface ProtocolDeps {
  readonly db: SandboxDatabase;
  readonly routes: SandboxRoutes;
  readonly operations: SandboxOperations;
  readonly delays: { readonly receivedMs: number; readonly processingMs: number };
  readonly stats: SandboxStats;
  readonly now: () => Date;
  readonly event: (e: SandboxEvent) => void;
}

export class SandboxProtocol {
  private readonly store: MessageStore;
  private readonly queue = new SerialQueue();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closing = false;

  constructor(private readonly d: ProtocolDeps) {
    this.store = new MessageStore(d.db);
  }

  /** Creates the domain tables and seed data, and picks up messages left unprocessed by a previous run. */
  async start(): Promise<void> {
    await this.queue.run(async () => {
      this.d.db.transaction(() => this.d.operations.prepare(this.d.db));
      await this.d.db.persist();
    });
    for (const m of this.store.unprocessed()) this.schedule(m.gisGuid, m.doneDue);
  }

  /** A Fault answer (HTTP 500, as SOAP 1.1 wants for faults). */
  fault(f: SandboxFault): SoapAnswer {
    this.d.stats.faults++;
    this.d.event({ kind: 'refused', code: f.code, message: f.message.length > 200 ? `${f.message.slice(0, 200)}…` : f.message });
    return { status: 500, body: faultEnvelope(f) };
  }

  send(req: CheckedRequest): Promise<SoapAnswer> {
    if (this.closing) return Promise.reject(new Error('the sandbox is closing'));
    return this.queue.run(async () => {
      const op = req.operation;
      const seen = this.store.bySender(req.senderMessageGuid);
      if (seen) {
        if (seen.service !== op.service || seen.operation !== op.name) {
          return this.fault(clientFault(FAULT.messageGuidReused, `MessageGUID ${req.senderMessageGuid} уже использован для операции ${seen.service}/${seen.operation}`));
        }
        this.d.stats.duplicates++;
        this.d.event({ kind: 'duplicate', op: op.name, sender: req.senderMessageGuid, gis: seen.gisGuid });
        return { status: 200, body: seen.ackXml };
      }
      const now = this.d.now();
      const gisGuid = randomUUID();
      const ackXml = ackEnvelope({ element: this.d.routes.outputHeader(op), date: now, messageGuid: gisGuid }, gisGuid, req.senderMessageGuid);
      const receivedAt = now.getTime();
      const processingDue = receivedAt + this.d.delays.receivedMs;
      const m: StoredMessage = {
        gisGuid,
        senderGuid: req.senderMessageGuid,
        service: op.service,
        operation: op.name,
        state: 1,
        orgPPAGUID: req.orgPPAGUID,
        senderId: req.senderId,
        requestVersion: req.requestVersion,
        receivedAt,
        processingDue,
        doneDue: processingDue + this.d.delays.processingMs,
        ackXml,
        requestXml: req.text,
      };
      this.store.insert(m);
      await this.d.db.persist();
      this.d.stats.accepted++;
      this.d.event({ kind: 'accepted', op: op.name, sender: req.senderMessageGuid, gis: gisGuid });
      this.schedule(gisGuid, m.doneDue);
      return { status: 200, body: ackXml };
    });
  }

  getState(req: CheckedRequest): Promise<SoapAnswer> {
    if (this.closing) return Promise.reject(new Error('the sandbox is closing'));
    return this.queue.run(async () => {
      this.d.stats.stateRequests++;
      const stateOp = req.operation;
      let m = req.askedGuid ? this.store.byGis(req.askedGuid) : undefined;
      if (!m) return this.fault(clientFault(FAULT.unknownMessage, `Сообщение с MessageGUID ${req.askedGuid ?? ''} не найдено`));
      if (m.service !== stateOp.service) {
        return this.fault(clientFault(FAULT.wrongService, `Сообщение ${m.gisGuid} отправлено в сервис ${m.service}: запросите его состояние там`));
      }
      const now = this.d.now().getTime();
      const state = m.processedAt !== undefined || now >= m.doneDue ? 3 : now >= m.processingDue ? 2 : 1;
      // Logged when it changes, not at every poll.
      if (state > m.state) this.d.event({ kind: 'state', gis: m.gisGuid, state });
      if (state === 3 && m.processedAt === undefined) {
        this.process(m);
        await this.d.db.persist();
        m = this.store.byGis(m.gisGuid)!;
      } else if (state > m.state) {
        // Derivable from the due times: written with the next change, not on its own.
        this.store.setState(m.gisGuid, state);
      }
      const element = stateResultElement({
        element: stateOp.result ?? stateOp.request,
        version: resultVersion(stateOp, m),
        requestState: state,
        gisMessageGuid: m.gisGuid,
        processed: state === 3 ? { xml: m.resultXml ?? '', namespaces: m.resultNamespaces ?? {} } : undefined,
      });
      return { status: 200, body: stateEnvelope({ element: this.d.routes.outputHeader(stateOp), date: new Date(now), messageGuid: randomUUID() }, element) };
    });
  }

  /** Stops the timers and waits for what is queued; the database is written by then. */
  async close(): Promise<void> {
    this.closing = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await this.queue.idle();
  }

  private schedule(gisGuid: string, due: number): void {
    if (this.closing) return;
    const t = setTimeout(
      () => {
        this.timers.delete(t);
        if (this.closing) return;
        this.queue
          .run(async () => {
            const m = this.store.byGis(gisGuid);
            if (!m || m.processedAt !== undefined) return;
            this.process(m);
            await this.d.db.persist();
          })
          .catch((e: unknown) => this.d.event({ kind: 'error', message: (e as Error).message }));
      },
      Math.max(0, due - this.d.now().getTime()),
    );
    t.unref();
    this.timers.add(t);
  }

  /**
   * Runs the operation's handler once, in one transaction with the message's result. A throw
   * rolls the handler's changes back and leaves a whole-message error EXP001000 instead.
   */
  private process(m: StoredMessage): void {
    const op = this.d.routes.operation(m.service, m.operation);
    const processedAt = this.d.now();
    let errorCode: string | undefined;
    try {
      this.d.db.transaction(() => {
        if (!op) throw new Error(`операция ${m.service}/${m.operation} не найдена в пакете форматов`);
        const handler = this.d.operations.handler(m.service, m.operation);
        if (!handler) throw new Error(`песочница не реализует операцию ${m.service}/${m.operation}`);
        const result = handler.process(requestOf(m, op), this.d.db);
        // Composing it now makes a handler's namespace clash an EXP001000, not a broken answer later.
        stateResultElement({ element: op.result ?? op.request, requestState: 3, gisMessageGuid: m.gisGuid, processed: result });
        this.store.setResult(m.gisGuid, processedAt.getTime(), result.xml, { ...result.namespaces });
      });
    } catch (e) {
      errorCode = FAULT.processing;
      const r: ProcessedResult = errorMessageResult(errorCode, `Ошибка обработки сообщения: ${(e as Error).message}`);
      this.store.setResult(m.gisGuid, processedAt.getTime(), r.xml, { ...r.namespaces }, errorCode);
      this.d.stats.processingErrors++;
    }
    this.d.stats.processed++;
    this.d.event({ kind: 'processed', op: m.operation, gis: m.gisGuid, errorCode });
  }
}

function requestOf(m: StoredMessage, operation: Operation): SandboxRequest {
  const root = parseXmlTree(m.requestXml);
  const request = root && child(root, SOAP11_NS, 'Body')?.children[0];
  if (!request) throw new Error('запрос не разобран');
  return {
    operation,
    request,
    senderMessageGuid: m.senderGuid,
    gisMessageGuid: m.gisGuid,
    orgPPAGUID: m.orgPPAGUID,
    senderId: m.senderId,
    receivedAt: new Date(m.receivedAt),
  };
}

/** getStateResult's base:version: the one its schema fixes, the documented one, else the request's. */
function resultVersion(stateOp: Operation, m: StoredMessage): string | undefined {
  const v = stateOp.resultVersions;
  return v?.fixed ?? v?.documented[0] ?? m.requestVersion;
}
