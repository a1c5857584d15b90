import { Hover, MarkupKind } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PackageContents } from '../catalog/packageContents';
import type { Lang } from '../validation/messages';
import { attributeHover, elementHover } from './describe';
import { resolvePath } from './schemaPath';
import { OpenElementIndex } from './openElements';
import { tagAt } from './xmlContext';
import { nsiRegistry } from './describe';
import type { NsiItem } from '../nsi/nsiAnswer';
import type { NsiLookup } from '../nsi/nsiLookup';

/** Documentation, type, facets, occurrence and NSI registry of the element or attribute under the cursor. */
export function hover(doc: TextDocument, offset: number, contents: PackageContents, lang: Lang, index = new OpenElementIndex(), nsi?: NsiLookup): Hover | null {
  const text = doc.getText();
  const at = tagAt(text, offset, index);
  if (!at) return null;
  const steps = resolvePath(contents, [...at.path, at.element]);
  const step = steps.length === at.path.length + 1 ? steps[at.path.length] : undefined;
  if (!step || step.kind !== 'element') return null;
  const range = { start: doc.positionAt(at.from), end: doc.positionAt(at.to) };
  if (at.attribute) {
    const local = at.attribute.replace(/^.*:/, '');
    const type = step.model.type;
    const a = type.kind === 'complex' ? type.attributes.find((x) => x.name.local === local) : undefined;
    return a ? { contents: { kind: MarkupKind.Markdown, value: attributeHover(a, lang) }, range } : null;
  }
  const prefix = at.element.qname.includes(':') ? at.element.qname.split(':')[0] : undefined;
  let value = elementHover(step.model, step.occurs, lang, prefix);
  const item = nsi && nsiItemAt(text, at.element.start, step.model.doc ?? step.model.type.doc, nsi);
  if (item) value += `  \n${lang === 'ru' ? 'Позиция' : 'Item'}: ${item.code} — ${item.name}`;
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}

/** The cached item an NSI reference element (starting at `start`) names by its Code child. */
function nsiItemAt(text: string, start: number, doc: string | undefined, nsi: NsiLookup): NsiItem | undefined {
  const registry = nsiRegistry(doc);
  if (registry === undefined) return undefined;
  const items = nsi(registry);
  const code = /<([\w.-]+:)?Code>([^<]*)</.exec(text.slice(start, start + 2048))?.[2]?.trim();
  return code !== undefined ? items?.get(code) : undefined;
}
