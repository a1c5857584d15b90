import type { MessageState } from './messageState';

/**
 * One message as the journal keeps it. Times are milliseconds since the epoch (UTC), so they sort
 * and compare as numbers in SQL and survive JSON unchanged.
 */
export interface JournalMessage {
  /** Our MessageGUID, sent in the request header; the key of the message everywhere. */
  messageGuid: string;
  /** GIS's MessageGUID from AckRequest, the one getState is asked about. */
  gisMessageGuid?: string;
  stand: string;
  service: string;
  operation: string;
  state: MessageState;
  createdAt: number;
  /** Time of the latest attempt to send. */
  sentAt?: number;
  acknowledgedAt?: number;
  /** When GIS's final answer (or refusal) came. */
  answeredAt?: number;
  updatedAt: number;
  /** Sending attempts with this MessageGUID. */
  attempts: number;
  /** getState polls recorded. */
  polls: number;
  errorCode?: string;
  errorText?: string;
  itemsOk?: number;
  itemsFailed?: number;
}

/** What the engine may set alongside a change; the journal sets states, times and counters itself. */
export interface MessagePatch {
  gisMessageGuid?: string;
  /** null clears it: a failed attempt's error is no longer the message's once GIS acknowledges it. */
  errorCode?: string | null;
  errorText?: string | null;
  itemsOk?: number;
  itemsFailed?: number;
}

export interface NewMessage {
  stand: string;
  service: string;
  operation: string;
  /** The request as composed (bare request or envelope); kept as request.xml. */
  requestXml: string;
  /** Omitted: a fresh one is made. A resend never comes here: it keeps its message. */
  messageGuid?: string;
  createdAt?: number;
}
