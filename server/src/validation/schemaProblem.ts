/**
 * libxml2's schema-validity messages turned into data, so they can be said again in Russian or
 * English, with the schema's own words for the element, and placed on the exact range.
 * Unrecognised messages are kept whole (`other`): nothing libxml2 says is ever dropped, except
 * its "No precomputed value available" warning, which only repeats the error before it.
 */
export interface ExpandedName {
  ns: string | undefined;
  local: string;
}

export type Facet =
  | 'pattern'
  | 'length'
  | 'minLength'
  | 'maxLength'
  | 'enumeration'
  | 'minInclusive'
  | 'maxInclusive'
  | 'minExclusive'
  | 'maxExclusive'
  | 'totalDigits'
  | 'fractionDigits';

export type SchemaProblem =
  | { kind: 'not-expected'; element: ExpandedName; expected: string[] }
  | { kind: 'missing-child'; element: ExpandedName; expected: string[] }
  | { kind: 'facet'; element: ExpandedName; attribute?: ExpandedName; facet: Facet; value?: string; limit?: string; length?: number; set?: string[] }
  | { kind: 'type'; element: ExpandedName; attribute?: ExpandedName; value: string; type: string }
  | { kind: 'attribute-missing'; element: ExpandedName; attribute: ExpandedName }
  | { kind: 'attribute-not-allowed'; element: ExpandedName; attribute: ExpandedName }
  | { kind: 'fixed'; element: ExpandedName; attribute?: ExpandedName; value: string; fixed: string }
  | { kind: 'text-not-allowed'; element: ExpandedName }
  | { kind: 'children-not-allowed'; element: ExpandedName }
  | { kind: 'no-declaration'; element: ExpandedName; wildcard: boolean }
  | { kind: 'duplicate-key'; element: ExpandedName; values: string; constraint: ExpandedName }
  | { kind: 'key-field-missing'; element: ExpandedName; constraint: ExpandedName }
  | { kind: 'keyref-not-found'; element: ExpandedName; values: string; constraint: ExpandedName }
  | { kind: 'noise' }
  | { kind: 'other'; element?: ExpandedName; attribute?: ExpandedName; text: string };

export function parseExpandedName(s: string): ExpandedName {
  const m = /^\{([^}]*)\}(.*)$/.exec(s);
  return m ? { ns: m[1] || undefined, local: m[2] } : { ns: undefined, local: s };
}

/** Splits libxml2's "( {ns}A, {ns}B )" list into its items. */
function parseExpectedList(s: string | undefined): string[] {
  if (!s) return [];
  return s
    .split(/,\s*/)
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
}

const HEAD = /^Element '([^']*)'(?:, attribute '([^']*)')?: ([\s\S]*)$/;

export function parseSchemaMessage(message: string): SchemaProblem {
  const m = HEAD.exec(message.trim());
  if (!m) return { kind: 'other', text: message.trim() };
  const element = parseExpandedName(m[1]);
  const attribute = m[2] !== undefined ? parseExpandedName(m[2]) : undefined;
  const body = m[3];
  let r: RegExpExecArray | null;

  if (body.startsWith('Warning: No precomputed value available')) return { kind: 'noise' };
  if ((r = /^This element is not expected\.(?: Expected is (?:one of )?\( (.*) \)\.)?$/s.exec(body))) {
    return { kind: 'not-expected', element, expected: parseExpectedList(r[1]) };
  }
  if ((r = /^Missing child element\(s\)\.(?: Expected is (?:one of )?\( (.*) \)\.)?$/s.exec(body))) {
    return { kind: 'missing-child', element, expected: parseExpectedList(r[1]) };
  }
  if ((r = /^\[facet '(\w+)'\] (.*)$/s.exec(body))) {
    return { kind: 'facet', element, attribute, ...parseFacet(r[1] as Facet, r[2]) };
  }
  if ((r = /^'(.*)' is not a valid value of the (?:local )?(?:atomic|list|union) type(?: '(.*)')?\.$/s.exec(body))) {
    return { kind: 'type', element, attribute, value: r[1], type: r[2] ?? '' };
  }
  if ((r = /^The attribute '(.*)' is required but missing\.$/.exec(body))) {
    return { kind: 'attribute-missing', element, attribute: parseExpandedName(r[1]) };
  }
  if (/^The attribute '.*' is not allowed\.$/.test(body) && attribute) {
    return { kind: 'attribute-not-allowed', element, attribute };
  }
  if ((r = /^The value '(.*)' does not match the fixed value constraint '(.*)'\.$/s.exec(body))) {
    return { kind: 'fixed', element, attribute, value: r[1], fixed: r[2] };
  }
  if ((r = /^The value '(.*)' is not valid\. Expected is '(.*)'\.$/s.exec(body))) {
    return { kind: 'fixed', element, attribute, value: r[1], fixed: r[2] };
  }
  if (body.startsWith('Character content other than whitespace is not allowed')) return { kind: 'text-not-allowed', element };
  if (body.startsWith('Element content is not allowed') || body.startsWith('The content must not contain element nodes')) {
    return { kind: 'children-not-allowed', element };
  }
  if (body.startsWith('No matching global declaration available for the validation root')) {
    return { kind: 'no-declaration', element, wildcard: false };
  }
  if (body.startsWith('No matching global element declaration available, but demanded by the strict wildcard')) {
    return { kind: 'no-declaration', element, wildcard: true };
  }
  if ((r = /^Duplicate key-sequence \[(.*)\] in (?:unique|key) identity-constraint '(.*)'\.$/s.exec(body))) {
    return { kind: 'duplicate-key', element, values: r[1], constraint: parseExpandedName(r[2]) };
  }
  if ((r = /^Not all fields of (?:key|unique) identity-constraint '(.*)' evaluate to a node\.$/.exec(body))) {
    return { kind: 'key-field-missing', element, constraint: parseExpandedName(r[1]) };
  }
  if ((r = /^No match found for key-sequence \[(.*)\] of keyref '(.*)'\.$/s.exec(body))) {
    return { kind: 'keyref-not-found', element, values: r[1], constraint: parseExpandedName(r[2]) };
  }
  return { kind: 'other', element, attribute, text: body };
}

function parseFacet(facet: Facet, text: string): { facet: Facet; value?: string; limit?: string; length?: number; set?: string[] } {
  let r: RegExpExecArray | null;
  switch (facet) {
    case 'pattern':
      r = /^The value '(.*)' is not accepted by the pattern '(.*)'\.$/s.exec(text);
      return r ? { facet, value: r[1], limit: r[2] } : { facet };
    case 'length':
    case 'minLength':
    case 'maxLength':
      r = /^The value has a length of '(\d+)'; this .* of '(\d+)'\.$/s.exec(text);
      return r ? { facet, length: Number(r[1]), limit: r[2] } : { facet };
    case 'enumeration':
      r = /^The value '(.*)' is not an element of the set \{(.*)\}\.$/s.exec(text);
      return r ? { facet, value: r[1], set: [...r[2].matchAll(/'((?:[^']|'(?!, '|$))*)'/g)].map((x) => x[1]) } : { facet };
    case 'minInclusive':
    case 'maxInclusive':
      r = /^The value '(.*)' is (?:less|greater) than the (?:minimum|maximum) value allowed \('(.*)'\)\.$/s.exec(text);
      return r ? { facet, value: r[1], limit: r[2] } : { facet };
    case 'minExclusive':
    case 'maxExclusive':
      r = /^The value '(.*)' must be (?:greater|less) than '(.*)'\.$/s.exec(text);
      return r ? { facet, value: r[1], limit: r[2] } : { facet };
    case 'totalDigits':
    case 'fractionDigits':
      r = /^The value '(.*)' has more (?:fractional )?digits than are allowed \('(.*)'\)\.$/s.exec(text);
      return r ? { facet, value: r[1], limit: r[2] } : { facet };
    default:
      return { facet };
  }
}
