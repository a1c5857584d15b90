import { envelopeSchemaPath } from '../productPaths';
import { DocumentValidator } from './documentValidator';
import { Libxml } from './libxml';
import { SchemaSets } from './schemaSets';

/** libxml2, its compiled-schema cache and the validator, as one unit per thread. */
export interface ValidationEngine {
  libxml: Libxml;
  schemaSets: SchemaSets;
  validator: DocumentValidator;
}

export async function createValidationEngine(envelopeSchema = envelopeSchemaPath()): Promise<ValidationEngine> {
  const libxml = await Libxml.load();
  const schemaSets = new SchemaSets(libxml, envelopeSchema);
  return { libxml, schemaSets, validator: new DocumentValidator(libxml, schemaSets) };
}
