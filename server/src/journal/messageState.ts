/**
 * The life of one message to GIS and the only moves allowed between its states. The exchange
 * engine asks here before it acts, so a bug elsewhere cannot, say, resend an acknowledged import.
 */
export const MESSAGE_STATES = [
  'draft',
  'signed',
  'sending',
  'acknowledged',
  'processing',
  'done',
  'failed',
  'rejected',
  'abandoned',
] as const;

export type MessageState = (typeof MESSAGE_STATES)[number];

/**
 * - sending → sending is a new attempt with the same MessageGUID, allowed only because a message
 *   whose answer was lost may or may not have reached GIS; the engine checks before it resends.
 * - rejected: GIS refused the request at once (SOAP Fault), so it never got a GIS MessageGUID.
 * - failed: GIS answered with an error for the whole message, or the exchange broke for good.
 * - abandoned: the user or the give-up time stopped waiting; never resent automatically.
 * - An acknowledged message can only move forward: it is polled, never sent again.
 */
const NEXT: Readonly<Record<MessageState, readonly MessageState[]>> = {
  draft: ['signed', 'sending', 'abandoned'],
  signed: ['sending', 'abandoned'],
  sending: ['sending', 'acknowledged', 'rejected', 'failed', 'abandoned'],
  acknowledged: ['processing', 'done', 'failed', 'abandoned'],
  processing: ['done', 'failed', 'abandoned'],
  done: [],
  failed: [],
  rejected: [],
  abandoned: [],
};

export const FINAL_STATES: readonly MessageState[] = ['done', 'failed', 'rejected', 'abandoned'];

/** States a crash can leave a message in while GIS may hold it: the engine resumes these. */
export const IN_FLIGHT_STATES: readonly MessageState[] = ['sending', 'acknowledged', 'processing'];

export function isMessageState(s: string): s is MessageState {
  return (MESSAGE_STATES as readonly string[]).includes(s);
}

export function canTransition(from: MessageState, to: MessageState): boolean {
  return NEXT[from].includes(to);
}

export function nextStates(from: MessageState): readonly MessageState[] {
  return NEXT[from];
}

export function isFinal(state: MessageState): boolean {
  return FINAL_STATES.includes(state);
}

export class IllegalTransitionError extends Error {
  constructor(
    readonly messageGuid: string,
    readonly from: MessageState,
    readonly to: MessageState,
  ) {
    super(`message ${messageGuid}: ${from} → ${to} is not allowed (allowed: ${NEXT[from].join(', ') || 'none, the state is final'})`);
    this.name = 'IllegalTransitionError';
  }
}
