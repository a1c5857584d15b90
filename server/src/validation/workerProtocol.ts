import type { SchemaPackage } from '../catalog/schemaPackage';
import type { ValidationOptions, ValidationReport } from './documentValidator';

/** Messages between the language server and its validation worker threads. */
export type ToWorker =
  | { type: 'validate'; id: number; text: string; pkg: SchemaPackage; options: ValidationOptions }
  /** Forget everything read or compiled from these packages (reinstalled or removed). */
  | { type: 'evict'; packageKeys: string[] };

export type FromWorker =
  | { type: 'result'; id: number; report: ValidationReport; heapBytes: number }
  | { type: 'failure'; id: number; message: string };
