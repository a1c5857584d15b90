import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { Operation, isImport } from '../catalog/operationCatalog';
import type { PackageContents } from '../catalog/packageContents';
import type { Journal, JournalMessage, MessageFileInput } from '../journal';
import type { Signer } from '../signature/algorithms';
import { SigningProfile, profileSigns } from '../signature/keys/profile';
import { signDocument } from '../signatureService';
import type { DocumentValidator } from '../validation/documentValidator';
import type { Lang } from '../validation/messages';
import { Backoff, sleep as defaultSleep } from './backoff';
import { ExchangeEvent, MessageOutcome, RequestInvalidError, ResendDecision, SendOptions } from './exchangeApi';
import { ExchangeError } from './exchangeError';
import { answerItems, matchItems, requestItemsOf } from './itemMatching';
import { RequestDocument, readRequestDocument } from './requestDocument';
import { StandAnswer, messageError, readAnswer } from './soapAnswer';
import { Sender, getStateEnvelope, requestEnvelope } from './soapEnvelope';
import { StandProfile, pollPolicy } from './standProfile';
import { SoapCall, SoapReply, Transport, TransportError } from './transport';

export interface ExchangeDeps {
  journal: Journal;
  stand(name: string): StandProfile | undefined;
  packageFor(stand: StandProfile): PackageContents;
  validator: DocumentValidator;
  /** The stand's signing profile with its signer; undefined when the stand has none. */
  signerFor(stand: StandProfile): Promise<{ signer: Signer; profile: SigningProfile } | undefined>;
  transportFor(stand: StandProfile): Transport | Promise<Transport>;
  /** Whether a message that may have reached GIS is sent again with the same MessageGUID. Default: yes. */
  decideResend?: ResendDecision;
  /** Refuse requests that fail the schema unless SendOptions.allowInvalid. Default true. */
  validateBeforeSend?: boolean;
  /** Attempts to deliver one message before it is left for a later resume. Default 8. */
  sendAttempts?: number;
  lang?: Lang;
  onEvent?(e: ExchangeEvent): void;
  now?(): Date;
  sleep?(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * Carries requests to a stand and their answers back: compose → validate → sign → journal →
 * send → acknowledgement → getState with back-off → answer matched to items. Each journal change
 * is on the disk before the network call that follows it, so a crash anywhere is resumed from the
 * journal: an acknowledged message is polled and never sent again; a message that may or may
 * not have reached GIS is sent again only with its own MessageGUID and only when `decideResend`
 * agrees (a stand that already has it answers with the original acknowledgement).
 */
export class ExchangeEngine {
  private readonly transports = new Map<string, Promise<Transport>>();
  private readonly senders = new Map<string, Sender>();

  constructor(private readonly deps: ExchangeDeps) {}

  get journal(): Journal {
    return this.deps.journal;
  }

  // ---- sending ---------------------------------------------------------------------------------

  async submit(standName: string, xml: string, o: SendOptions = {}): Promise<JournalMessage> {
    const stand = this.requireStand(standName);
    const contents = this.deps.packageFor(stand);
    const doc = readRequestDocument(xml, contents);
    const messageGuid = (o.messageGuid ?? randomUUID()).toLowerCase();
    const composed = requestEnvelope(doc, messageGuid, this.now(), stand);
    this.validate(composed, contents, messageGuid, o);
    const signed = await this.signIfWanted(stand, doc.operation, composed, messageGuid, o);
    let m = await this.journal.create({ stand: stand.name, service: doc.operation.service, operation: doc.operation.name, requestXml: composed, messageGuid });
    if (signed !== undefined) {
      m = await this.journal.transition(messageGuid, 'signed', { files: [{ kind: 'signed', xml: signed }] });
      this.emit({ kind: 'signed', messageGuid });
    }
    this.senders.set(messageGuid, senderOf(stand, doc));
    return this.deliver(m, stand, contents, o.signal);
  }

  async send(standName: string, xml: string, o: SendOptions = {}): Promise<MessageOutcome> {
    const m = await this.submit(standName, xml, o);
    return this.settle(m, o.signal);
  }

  /** Polls an acknowledged message until GIS has processed it or the give-up time passes. */
  async waitForAnswer(messageGuid: string, signal?: AbortSignal): Promise<MessageOutcome> {
    let m = this.require(messageGuid);
    const stand = this.requireStand(m.stand);
    if (m.state !== 'acknowledged' && m.state !== 'processing') return this.outcome(m.messageGuid);
    const policy = pollPolicy(stand);
    const backoff = new Backoff(policy.firstDelayMs, policy.factor, policy.ceilingMs);
    let delay = backoff.next();
    for (;;) {
      if (this.now().getTime() - (m.acknowledgedAt ?? m.updatedAt) > policy.giveUpAfterMs) {
        m = await this.journal.transition(m.messageGuid, 'abandoned', {
          patch: { errorCode: 'GIVE-UP', errorText: `Нет ответа ГИС за ${Math.round(policy.giveUpAfterMs / 60_000)} мин; опрос прекращён` },
        });
        this.emit({ kind: 'final', message: m });
        return this.outcome(m.messageGuid);
      }
      await this.sleep(delay, signal);
      delay = backoff.next();
      m = await this.pollOnce(m, stand, delay);
      if (isSettled(m)) return this.outcome(m.messageGuid);
    }
  }

  /** One getState now («Получить состояние»). */
  async checkState(messageGuid: string): Promise<MessageOutcome> {
    const m = this.require(messageGuid);
    if (m.state !== 'acknowledged' && m.state !== 'processing') {
      if (m.gisMessageGuid === undefined && !isSettled(m)) {
        throw new ExchangeError('not-acknowledged', 'ГИС ещё не подтвердила приём сообщения: опрашивать нечего', 'GIS has not acknowledged the message yet: there is nothing to poll');
      }
      return this.outcome(m.messageGuid);
    }
    await this.pollOnce(m, this.requireStand(m.stand));
    return this.outcome(m.messageGuid);
  }

  /**
   * «Повторить»: a message not yet acknowledged is sent again with its own MessageGUID; an
   * acknowledged one is polled; a finished one that failed is sent anew as a new message.
   */
  async retry(messageGuid: string, o: SendOptions = {}): Promise<MessageOutcome> {
    const m = this.require(messageGuid);
    const stand = this.requireStand(m.stand);
    switch (m.state) {
      case 'draft':
      case 'signed':
      case 'sending':
        return this.settle(await this.continueUnsent(m, stand, o), o.signal);
      case 'acknowledged':
      case 'processing':
        return this.waitForAnswer(m.messageGuid, o.signal);
      case 'done':
        throw new ExchangeError('done', 'Сообщение уже обработано ГИС; повторять нечего', 'GIS has processed the message; there is nothing to retry');
      default: {
        const request = this.journal.filesOf(m.messageGuid).find((f) => f.kind === 'request');
        if (!request) throw new ExchangeError('no-request-file', 'В журнале нет файла запроса этого сообщения', 'The journal has no request file for this message');
        return this.send(m.stand, fs.readFileSync(request.path, 'utf8'), o);
      }
    }
  }

  /**
   * After a restart: messages never sent go out now; acknowledged ones are polled; ones that
   * may have reached GIS go out again (same MessageGUID) only when `decide` agrees.
   */
  async resume(decide: ResendDecision, signal?: AbortSignal): Promise<MessageOutcome[]> {
    const unsent = this.journal.list({ states: ['draft', 'signed'] }, { limit: 100_000 });
    const inFlight = this.journal.inFlight();
    const work = [
      ...unsent.map(async (m) => this.settle(await this.continueUnsent(m, this.requireStand(m.stand), { signal }), signal)),
      ...inFlight.map(async ({ message, resume }) => {
        const stand = this.requireStand(message.stand);
        if (resume === 'poll') return this.waitForAnswer(message.messageGuid, signal);
        if (!(await decide(message, stand))) return this.outcome(message.messageGuid);
        return this.settle(await this.continueUnsent(message, stand, { signal }), signal);
      }),
    ];
    return Promise.all(work);
  }

  /** What the journal holds about a message: its state and its items matched by TransportGUID. */
  outcome(messageGuid: string): MessageOutcome {
    const message = this.require(messageGuid);
    const files = this.journal.filesOf(message.messageGuid);
    const answer = files.find((f) => f.kind === 'answer');
    if (!answer) return { message, items: [], unanswered: [] };
    const request = files.filter((f) => f.kind === 'signed' || f.kind === 'request').pop();
    const reply: SoapReply = { status: 200, body: fs.readFileSync(answer.path, 'utf8') };
    const a = readAnswer(reply);
    if (a.kind !== 'state') return { message, items: [], unanswered: [] };
    const requested = request ? requestItemsOf(fs.readFileSync(request.path, 'utf8')) : [];
    return { message, ...matchItems(requested, answerItems(a.result)) };
  }

  close(): void {
    for (const t of this.transports.values()) void t.then((x) => x.close(), () => undefined);
    this.transports.clear();
  }

  // ---- steps -----------------------------------------------------------------------------------

  private validate(composed: string, contents: PackageContents, messageGuid: string, o: SendOptions): void {
    if (this.deps.validateBeforeSend === false && !o.allowInvalid) return;
    const lang = this.deps.lang ?? 'ru';
    const r = this.deps.validator.validate(composed, contents, { lang, maxProblems: 20, rules: { enabled: false } });
    const problems = r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
    const valid = r.verdict === 'valid';
    this.emit({ kind: 'validated', messageGuid, valid, problems: r.totalProblems });
    if (valid || o.allowInvalid) return;
    throw new RequestInvalidError(
      problems,
      lang === 'ru'
        ? `Запрос не проходит схему пакета ${contents.pkg.version} (${r.totalProblems} ошибок); он не отправлен`
        : `The request fails the schema of package ${contents.pkg.version} (${r.totalProblems} problems); it was not sent`,
    );
  }

  private async signIfWanted(stand: StandProfile, op: Operation, xml: string, messageGuid: string, o: SendOptions): Promise<string | undefined> {
    if (o.sign === 'never') return undefined;
    const signing = await this.deps.signerFor(stand);
    const wanted = o.sign === 'always' || (signing !== undefined && profileSigns(signing.profile, op.name));
    // GIS refuses an unsigned import; the sandbox takes one unless it checks signatures. Say so
    // before it leaves, so a refusal is not a riddle.
    if (!wanted && !signing && isImport(op.name)) this.emit({ kind: 'unsigned', messageGuid, stand: stand.name });
    if (!wanted) return undefined;
    if (!signing) {
      throw new ExchangeError('no-signer', `У стенда «${stand.name}» нет профиля подписи`, `Stand "${stand.name}" has no signing profile`);
    }
    return signDocument(xml, signing.signer);
  }

  /** A message that has not been acknowledged: sign it if that was left undone, then deliver. */
  private async continueUnsent(m: JournalMessage, stand: StandProfile, o: SendOptions): Promise<JournalMessage> {
    const contents = this.deps.packageFor(stand);
    if (m.state === 'draft') {
      const xml = this.readFile(m, 'request');
      const doc = readRequestDocument(xml, contents);
      const signed = await this.signIfWanted(stand, doc.operation, xml, m.messageGuid, o);
      if (signed !== undefined) m = await this.journal.transition(m.messageGuid, 'signed', { files: [{ kind: 'signed', xml: signed }] });
    }
    return this.deliver(m, stand, contents, o.signal);
  }

  /**
   * Sends until GIS acknowledges or refuses. A failure that surely did not reach GIS is retried
   * with back-off; one that may have reached it is retried (same MessageGUID) only if
   * `decideResend` agrees, otherwise the message stays `sending` for a later resume.
   */
  private async deliver(m: JournalMessage, stand: StandProfile, contents: PackageContents, signal?: AbortSignal): Promise<JournalMessage> {
    const op = this.operationOf(m, contents);
    const envelope = this.readFile(m, 'signed', 'request');
    const transport = await this.transport(stand);
    const policy = pollPolicy(stand);
    const backoff = new Backoff(Math.min(policy.firstDelayMs, 1000), 2, Math.min(policy.ceilingMs, 60_000));
    const attempts = this.deps.sendAttempts ?? 8;
    for (let attempt = 1; ; attempt++) {
      m = await this.journal.transition(m.messageGuid, 'sending');
      this.emit({ kind: 'sending', messageGuid: m.messageGuid, attempt: m.attempts });
      const sent = await this.post(transport, { path: op.endpointPath ?? '/', soapAction: op.soapAction, envelope }, signal);
      let failure: SendFailure;
      if ('failure' in sent) failure = sent.failure;
      else {
        const { reply, answer: a } = sent;
        if (a.kind === 'ack') {
          m = await this.journal.transition(m.messageGuid, 'acknowledged', {
            patch: { gisMessageGuid: a.gisMessageGuid, errorCode: null, errorText: null },
            files: [{ kind: 'ack', xml: reply.body }],
          });
          this.emit({ kind: 'acknowledged', messageGuid: m.messageGuid, gisMessageGuid: a.gisMessageGuid });
          return m;
        }
        if (a.kind === 'fault') {
          m = await this.journal.transition(m.messageGuid, 'rejected', { patch: { errorCode: a.code, errorText: a.text }, files: [{ kind: 'fault', xml: reply.body }] });
          this.emit({ kind: 'final', message: m });
          return m;
        }
        // An HTTP 500 page, a cut answer: the stand may or may not have taken the request.
        failure = { code: `HTTP-${reply.status}`, text: describe(a), mayHaveReached: true, files: [{ kind: 'fault', xml: reply.body }] };
      }
      m = await this.journal.record(m.messageGuid, { patch: { errorCode: failure.code, errorText: failure.text }, files: failure.files });
      if (attempt >= attempts) {
        if (failure.mayHaveReached) return m; // stays `sending`: resume decides
        m = await this.journal.transition(m.messageGuid, 'failed', { patch: { errorCode: failure.code, errorText: `Стенд недоступен после ${attempt} попыток: ${failure.text}` } });
        this.emit({ kind: 'final', message: m });
        return m;
      }
      if (failure.mayHaveReached && this.deps.decideResend && !(await this.deps.decideResend(m, stand))) return m;
      const delayMs = backoff.next();
      this.emit({ kind: 'retrying', messageGuid: m.messageGuid, reason: `${failure.code}: ${failure.text}`, delayMs });
      await this.sleep(delayMs, signal);
    }
  }

  /** One call: the stand's answer, or a transport failure said the way the journal keeps it. */
  private async post(transport: Transport, call: SoapCall, signal?: AbortSignal): Promise<{ reply: SoapReply; answer: StandAnswer } | { failure: SendFailure }> {
    try {
      const reply = await transport.post(call, signal);
      return { reply, answer: readAnswer(reply) };
    } catch (e) {
      if (!(e instanceof TransportError)) throw e;
      if (signal?.aborted) throw signal.reason;
      return { failure: { code: `TRANSPORT-${e.failure.toUpperCase()}`, text: transportText(e), mayHaveReached: e.mayHaveReached, files: [] } };
    }
  }

  private async pollOnce(m: JournalMessage, stand: StandProfile, nextPollMs?: number): Promise<JournalMessage> {
    const contents = this.deps.packageFor(stand);
    const getState = contents.catalog.find('getState', m.service);
    if (!getState) throw new ExchangeError('no-getstate', `В пакете нет getState сервиса ${m.service}`, `The package has no getState for service ${m.service}`);
    const pollXml = getStateEnvelope(getState, m.gisMessageGuid!, randomUUID(), this.now(), this.senderFor(m, stand, contents));
    const transport = await this.transport(stand);
    const sent = await this.post(transport, { path: getState.endpointPath ?? '/', soapAction: getState.soapAction, envelope: pollXml });
    if ('failure' in sent) {
      this.emit({ kind: 'retrying', messageGuid: m.messageGuid, reason: `getState: ${sent.failure.text}`, delayMs: nextPollMs ?? 0 });
      return m;
    }
    const { reply, answer: a } = sent;
    const polled: MessageFileInput[] = [
      { kind: 'poll-request', xml: pollXml },
      { kind: 'poll', xml: reply.body },
    ];
    if (a.kind === 'fault') {
      return this.journal.record(m.messageGuid, { patch: { errorCode: a.code, errorText: a.text }, files: polled });
    }
    if (a.kind !== 'state') {
      this.emit({ kind: 'retrying', messageGuid: m.messageGuid, reason: `getState: ${describe(a)}`, delayMs: nextPollMs ?? 0 });
      return m;
    }
    this.emit({ kind: 'polled', messageGuid: m.messageGuid, requestState: a.requestState, nextPollMs: a.requestState < 3 ? nextPollMs : undefined });
    if (a.requestState < 3) {
      return m.state === 'acknowledged' && a.requestState === 2
        ? this.journal.transition(m.messageGuid, 'processing', { files: polled })
        : this.journal.record(m.messageGuid, { files: polled });
    }
    const files = [...polled, { kind: 'answer' as const, xml: reply.body }];
    const whole = messageError(a.result);
    if (whole) {
      m = await this.journal.transition(m.messageGuid, 'failed', { patch: { errorCode: whole.code, errorText: whole.text }, files });
    } else {
      const items = answerItems(a.result);
      const failed = items.filter((i) => !i.ok);
      const firstError = failed[0]?.errors[0];
      m = await this.journal.transition(m.messageGuid, 'done', {
        patch: {
          itemsOk: items.length - failed.length,
          itemsFailed: failed.length,
          ...(firstError ? { errorCode: firstError.code, errorText: firstError.description } : {}),
        },
        files,
      });
    }
    this.emit({ kind: 'final', message: m });
    return m;
  }

  /** Waits for the answer of an acknowledged message; a refused or stuck one is returned as it is. */
  private async settle(m: JournalMessage, signal?: AbortSignal): Promise<MessageOutcome> {
    if (m.state === 'acknowledged' || m.state === 'processing') return this.waitForAnswer(m.messageGuid, signal);
    return this.outcome(m.messageGuid);
  }

  // ---- plumbing --------------------------------------------------------------------------------

  private senderFor(m: JournalMessage, stand: StandProfile, contents: PackageContents): Sender {
    let s = this.senders.get(m.messageGuid);
    if (!s) {
      s = stand.orgPPAGUID || stand.senderId ? senderOf(stand) : senderOf(stand, readRequestDocument(this.readFile(m, 'request'), contents));
      this.senders.set(m.messageGuid, s);
    }
    return s;
  }

  private operationOf(m: JournalMessage, contents: PackageContents): Operation {
    const op = contents.catalog.find(m.operation, m.service);
    if (!op) {
      throw new ExchangeError('unknown-operation', `Пакет ${contents.pkg.version} не знает операции ${m.service}/${m.operation}`, `Package ${contents.pkg.version} has no operation ${m.service}/${m.operation}`);
    }
    return op;
  }

  /** The first of `kinds` the message has (the signed request, else the request as composed). */
  private readFile(m: JournalMessage, ...kinds: ('request' | 'signed')[]): string {
    const files = this.journal.filesOf(m.messageGuid);
    for (const kind of kinds) {
      const f = files.find((x) => x.kind === kind);
      if (f) return fs.readFileSync(f.path, 'utf8');
    }
    throw new ExchangeError('no-request-file', `В журнале нет файла ${kinds.join('/')} сообщения ${m.messageGuid}`, `The journal has no ${kinds.join('/')} file for message ${m.messageGuid}`);
  }

  private transport(stand: StandProfile): Promise<Transport> {
    let t = this.transports.get(stand.name);
    if (!t) {
      t = Promise.resolve(this.deps.transportFor(stand));
      this.transports.set(stand.name, t);
      t.catch(() => this.transports.delete(stand.name));
    }
    return t;
  }

  private require(messageGuid: string): JournalMessage {
    const m = this.journal.get(messageGuid) ?? this.journal.findByGisGuid(messageGuid);
    if (!m) throw new ExchangeError('unknown-message', `В журнале нет сообщения ${messageGuid}`, `No message ${messageGuid} in the journal`);
    return m;
  }

  private requireStand(name: string): StandProfile {
    const s = this.deps.stand(name);
    if (!s) throw new ExchangeError('unknown-stand', `Нет стенда «${name}»`, `No stand "${name}"`);
    return s;
  }

  private emit(e: ExchangeEvent): void {
    try {
      this.deps.onEvent?.(e);
    } catch {
      // a listener's bug must not stop an exchange in the middle
    }
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return (this.deps.sleep ?? defaultSleep)(ms, signal);
  }
}

function senderOf(stand: StandProfile, doc?: RequestDocument): Sender {
  if (stand.orgPPAGUID || stand.senderId) return { orgPPAGUID: stand.orgPPAGUID, senderId: stand.senderId };
  return { orgPPAGUID: doc?.orgPPAGUID, senderId: doc?.senderId };
}

interface SendFailure {
  code: string;
  text: string;
  mayHaveReached: boolean;
  files: MessageFileInput[];
}

function isSettled(m: JournalMessage): boolean {
  return m.state === 'done' || m.state === 'failed' || m.state === 'rejected' || m.state === 'abandoned';
}

const FAILURE_RU: Record<TransportError['failure'], string> = {
  connect: 'Стенд недоступен',
  tls: 'Ошибка TLS',
  timeout: 'Нет ответа вовремя',
  reset: 'Соединение оборвано',
  config: 'Ошибка настройки стенда',
};

/** The journal's text is read in Russian first; the transport's own words stay for support. */
function transportText(e: TransportError): string {
  return `${FAILURE_RU[e.failure]} (${e.message})`;
}

function describe(a: StandAnswer): string {
  return a.kind === 'unreadable' ? a.reason : a.kind;
}
