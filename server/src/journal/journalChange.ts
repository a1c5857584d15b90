import type { JournalMessage } from './journalMessage';

/**
 * What the change log records. Each record carries the whole resulting message rather than a
 * delta, so replaying a record twice (a crash between a snapshot and the log's deletion) changes
 * nothing, and a record can be read on its own when something looks wrong.
 */
export type ChangeRecord =
  /** The message now looks like this (created or changed). */
  | { seq: number; op: 'put'; m: JournalMessage }
  /** Retention removed these messages; their folders are to be deleted (see 'purged'). */
  | { seq: number; op: 'delete'; guids: string[] }
  /** The folders of deleted messages are gone. */
  | { seq: number; op: 'purged'; guids: string[] };

export type ChangeBody =
  | { op: 'put'; m: JournalMessage }
  | { op: 'delete'; guids: string[] }
  | { op: 'purged'; guids: string[] };
