/**
 * The sandbox's refusal codes, in GIS's families (GIS-FACTS §2): FMT format, AUT authorisation,
 * INT integration, EXP processing. GIS publishes no catalogue of Fault codes; the numbers are the
 * sandbox's own, fixed here so clients and tests can rely on them. Texts are Russian, as GIS's.
 */
export const FAULT = {
  /** Not well-formed XML, or bytes not in the declared encoding. */
  malformed: 'FMT001000',
  /** Not a GIS request at all (not SOAP, not a GIS namespace, no schema). */
  notGis: 'FMT001100',
  /** The document breaks the format package's schema. */
  schema: 'FMT001300',
  /** Missing SOAP header, the wrong header element, or no sender in RequestHeader. */
  header: 'FMT001301',
  /** The Body's element is not an operation of this endpoint, or SOAPAction names another. */
  operation: 'FMT001302',
  /** A MessageGUID already used for another operation. */
  messageGuidReused: 'FMT001303',
  /** getState for a MessageGUID the stand never acknowledged. */
  unknownMessage: 'FMT001304',
  /** getState asked of a service other than the one the message went to. */
  wrongService: 'FMT001305',
  /** An import without ds:Signature (signature checks on). */
  signatureMissing: 'AUT011001',
  /** A signature that does not verify. */
  signatureInvalid: 'AUT011002',
  /** Injected: the service is temporarily unavailable. */
  unavailable: 'INT000503',
  /** Processing threw: whole-message base:ErrorMessage in getStateResult. */
  processing: 'EXP001000',
} as const;

export interface SandboxFault {
  readonly code: string;
  /** Russian, as GIS answers. */
  readonly message: string;
  /** soapenv:Client (the request is at fault) or soapenv:Server. */
  readonly side: 'Client' | 'Server';
}

export function clientFault(code: string, message: string): SandboxFault {
  return { code, message, side: 'Client' };
}

export function isSandboxFault(x: unknown): x is SandboxFault {
  return typeof x === 'object' && x !== null && 'code' in x && 'side' in x && 'message' in x;
}
