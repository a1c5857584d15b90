/**
 * Escaping text and attribute values for XML the product writes (envelopes, signatures, the
 * sandbox's answers). CR, and in attributes also TAB and LF, are written as character references
 * so that a parser (and c14n) gives back exactly the value written.
 */
export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#x9;').replace(/\n/g, '&#xA;');
}
