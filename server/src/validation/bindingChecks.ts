import type { Binding } from '../catalog/binding';
import { GIS_BASE_NS } from '../catalog/namespaces';
import type { DocumentShape } from '../xml/documentShape';
import type { LineIndex } from '../xml/lineIndex';
import type { GisDiagnostic } from './diagnostic';
import type { Lang } from './messages';

/**
 * What the WSDL binding requires of an envelope and the XSD cannot express: the header element
 * the operation takes (RequestHeader, or ISRequestHeader for the operations that need no
 * organisation). Both are global elements of the base schema, so either passes the XSD alone.
 */
export function bindingDiagnostics(shape: DocumentShape, binding: Binding, lines: LineIndex, lang: Lang): GisDiagnostic[] {
  const op = binding.operation;
  if (!binding.envelope || binding.kind !== 'request' || !op?.headerKind || !shape.root) return [];
  const headers = shape.headerEntries.filter((h) => h.ns === GIS_BASE_NS && /Header$/.test(h.local));
  const ru = lang === 'ru';
  if (headers.length === 0) {
    const at = shape.header ?? shape.root;
    return [
      {
        range: { start: lines.positionAt(at.nameStart), end: lines.positionAt(at.nameEnd) },
        severity: 'error',
        code: 'gis-header-missing',
        message: ru
          ? `В конверте нет заголовка base:${op.headerKind}, которого требует операция ${op.name}`
          : `The envelope lacks the base:${op.headerKind} header that operation ${op.name} requires`,
      },
    ];
  }
  return headers
    .filter((h) => h.local !== op.headerKind)
    .map((h) => ({
      range: { start: lines.positionAt(h.nameStart), end: lines.positionAt(h.nameEnd) },
      severity: 'error' as const,
      code: 'gis-header-kind',
      message: ru
        ? `Операция ${op.name} принимает заголовок ${op.headerKind}, а не ${h.local}`
        : `Operation ${op.name} takes the ${op.headerKind} header, not ${h.local}`,
    }));
}
