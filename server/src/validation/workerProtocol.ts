import type { SchemaPackage } from '../catalog/schemaPackage';
import type { ValidationOptions, ValidationReport } from './documentValidator';

/** Messages between the language server and its validation worker threads. */
export type ToWorker =
  /** `utf8`: the document's text as UTF-8, its buffer transferred (no copy of a large text). */
  | { type: 'validate'; id: number; utf8: Uint8Array; pkg: SchemaPackage; options: ValidationOptions }
  /** Forget everything read or compiled from these packages (reinstalled or removed). */
  | { type: 'evict'; packageKeys: string[] };

export type FromWorker =
  | { type: 'result'; id: number; report: ValidationReport; heapBytes: number }
  | { type: 'failure'; id: number; message: string };
