import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Location } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PackageContents } from '../catalog/packageContents';
import type { SourceLocation } from '../schema/schemaTypes';
import { resolvePath } from './schemaPath';
import { OpenElementIndex } from './openElements';
import { tagAt } from './xmlContext';

/** From an element or attribute in a document to its declaration (or its type's) in the package's schema file. */
export function definition(doc: TextDocument, offset: number, contents: PackageContents, target: 'declaration' | 'type', index = new OpenElementIndex()): Location | null {
  const at = tagAt(doc.getText(), offset, index);
  if (!at) return null;
  const steps = resolvePath(contents, [...at.path, at.element]);
  const step = steps.length === at.path.length + 1 ? steps[at.path.length] : undefined;
  if (!step || step.kind !== 'element') return null;
  let loc: SourceLocation | undefined;
  const type = step.model.type;
  if (at.attribute) {
    const local = at.attribute.replace(/^.*:/, '');
    const a = type.kind === 'complex' ? type.attributes.find((x) => x.name.local === local) : undefined;
    loc = target === 'type' ? (a?.type.location ?? a?.location) : a?.location;
  } else {
    loc = target === 'type' ? (type.location ?? step.model.location) : step.model.location;
  }
  return loc ? schemaLocation(contents, loc) : null;
}

const lineStarts = new Map<string, { mtimeMs: number; starts: number[] }>();

export function schemaLocation(contents: PackageContents, loc: SourceLocation): Location | null {
  const file = path.join(contents.pkg.root, ...loc.file.split('/'));
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return null;
  }
  let cached = lineStarts.get(file);
  if (!cached || cached.mtimeMs !== stat.mtimeMs) {
    const text = fs.readFileSync(file, 'utf8');
    const starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    cached = { mtimeMs: stat.mtimeMs, starts };
    lineStarts.set(file, cached);
  }
  const starts = cached.starts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= loc.offset) lo = mid;
    else hi = mid - 1;
  }
  const position = { line: lo, character: loc.offset - starts[lo] };
  return { uri: pathToFileURL(file).href, range: { start: position, end: position } };
}
