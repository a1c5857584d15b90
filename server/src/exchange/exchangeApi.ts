import type { JournalMessage } from '../journal';
import type { StandProfile } from './standProfile';

/**
 * What the exchange engine (exchangeEngine.ts) offers the VS Code commands, the CLI and the demo.
 * Every step is journaled and durable before the next network call.
 */
export interface SendOptions {
  /** Send a request that fails schema validation (the user chose to override). Default false. */
  readonly allowInvalid?: boolean;
  /** 'auto': sign when the signing profile says so (imports by default). */
  readonly sign?: 'auto' | 'always' | 'never';
  readonly signal?: AbortSignal;
  /** Our MessageGUID for a new message, when the caller keeps its own (an accounting system's); fresh otherwise. */
  readonly messageGuid?: string;
}

/** A message's answer matched to the request's items by TransportGUID. */
export interface ItemOutcome {
  readonly transportGuid: string;
  /** Request element that carried the TransportGUID, e.g. `Account`, `MeteringDevice`. */
  readonly item?: string;
  readonly ok: boolean;
  readonly guid?: string;
  readonly uniqueNumber?: string;
  readonly updateDate?: string;
  readonly errors: readonly { code: string; description: string }[];
}

export interface MessageOutcome {
  readonly message: JournalMessage;
  /** Per-item results (empty for exports and whole-message errors). */
  readonly items: readonly ItemOutcome[];
  /** TransportGUIDs of the request that the answer does not mention. */
  readonly unanswered: readonly string[];
}

export type ExchangeEvent =
  | { kind: 'validated'; messageGuid: string; valid: boolean; problems: number }
  | { kind: 'signed'; messageGuid: string }
  /** An import leaves without a signature: its stand names no signing profile. */
  | { kind: 'unsigned'; messageGuid: string; stand: string }
  | { kind: 'sending'; messageGuid: string; attempt: number }
  | { kind: 'acknowledged'; messageGuid: string; gisMessageGuid: string }
  | { kind: 'polled'; messageGuid: string; requestState: number; nextPollMs?: number }
  | { kind: 'final'; message: JournalMessage }
  | { kind: 'retrying'; messageGuid: string; reason: string; delayMs: number };

/** The request does not pass the schema and the user did not override: nothing was sent. */
export class RequestInvalidError extends Error {
  constructor(
    readonly problems: readonly string[],
    message: string,
  ) {
    super(message);
    this.name = 'RequestInvalidError';
  }
}

/** Decides, for a message that may or may not have reached GIS, whether to send it again with the same MessageGUID. */
export type ResendDecision = (message: JournalMessage, stand: StandProfile) => Promise<boolean>;
