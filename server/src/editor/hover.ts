import { Hover, MarkupKind } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PackageContents } from '../catalog/packageContents';
import type { Lang } from '../validation/messages';
import { attributeHover, elementHover } from './describe';
import { resolvePath } from './schemaPath';
import { OpenElementIndex } from './openElements';
import { tagAt } from './xmlContext';

/** Documentation, type, facets, occurrence and NSI registry of the element or attribute under the cursor. */
export function hover(doc: TextDocument, offset: number, contents: PackageContents, lang: Lang, index = new OpenElementIndex()): Hover | null {
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
  return { contents: { kind: MarkupKind.Markdown, value: elementHover(step.model, step.occurs, lang, prefix) }, range };
}
