// The journal's public face for the exchange engine, the commands and the CLI.
export { Journal, JournalClosedError } from './journal';
export type { Change, JournalOptions, RecoveryReport } from './journal';
export type { JournalMessage, MessagePatch, NewMessage } from './journalMessage';
export type { InFlight, MessageFilter, Page, ResumeAction, StateCount } from './journalQuery';
export { JournalLockedError } from './journalLock';
export { FILE_KINDS } from './messageFiles';
export type { FileKind, MessageFile, MessageFileInput } from './messageFiles';
export { FINAL_STATES, IN_FLIGHT_STATES, IllegalTransitionError, MESSAGE_STATES, canTransition, isFinal, nextStates } from './messageState';
export type { MessageState } from './messageState';
export type { RetentionSettings } from './retention';
