import { Tok, XmlScanner, parseAttributes, splitQName } from '../xml/scanner';

/**
 * The elements open at a point of a document, found by scanning from the nearest checkpoint of an
 * earlier scan that the edits since have not touched: in a 14 MB document a query costs the
 * distance to a checkpoint, not the whole prefix. Children lists are immutable chains, so every
 * checkpoint stays valid however the scans interleave.
 */

export interface OpenElement {
  qname: string;
  ns: string | undefined;
  local: string;
  /** Offset of '<'. */
  start: number;
  scope: ReadonlyMap<string, string>;
  /** The type named by xsi:type, which replaces the declared one. */
  xsiType?: { ns: string | undefined; local: string };
  /** Child elements completed (or self-closed) before the point. */
  children: { ns: string | undefined; local: string }[];
}

interface Chain {
  ns: string | undefined;
  local: string;
  prev: Chain | undefined;
}

interface Frame {
  el: Omit<OpenElement, 'children'>;
  kids: Chain | undefined;
}

interface Checkpoint {
  /** Scanning resumes here: a token boundary. */
  offset: number;
  frames: Frame[];
}

const CHECKPOINT_EVERY = 128 * 1024;
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const COMPARE_CHUNK = 64 * 1024;

export class OpenElementIndex {
  private text = '';
  private checkpoints: Checkpoint[] = [{ offset: 0, frames: [] }];

  constructor(private readonly checkpointEvery = CHECKPOINT_EVERY) {}

  /** Open elements after every token that starts before `stop`. */
  openAt(text: string, stop: number): OpenElement[] {
    this.follow(text);
    let i = this.checkpoints.length - 1;
    while (i > 0 && this.checkpoints[i].offset > stop) i--;
    const cp = this.checkpoints[i];
    const frames = cp.frames.map((f) => ({ ...f }));
    const sc = new XmlScanner(text, cp.offset);
    let lastCheckpoint = cp.offset;
    const extending = i === this.checkpoints.length - 1;
    for (;;) {
      const tok = sc.next();
      if (tok === Tok.EOF || sc.start >= stop) break;
      if (tok === Tok.StartTag) {
        const el = openElement(sc.name, sc.start, text, sc.nameEnd, sc.end, frames[frames.length - 1]?.el.scope);
        if (sc.selfClosing) addChild(frames, el);
        else frames.push({ el, kids: undefined });
      } else if (tok === Tok.EndTag) {
        const closed = frames.pop();
        if (closed) addChild(frames, closed.el);
      }
      if (extending && sc.end - lastCheckpoint >= this.checkpointEvery) {
        this.checkpoints.push({ offset: sc.end, frames: frames.map((f) => ({ ...f })) });
        lastCheckpoint = sc.end;
      }
    }
    return frames.map((f) => ({ ...f.el, children: materialize(f.kids) }));
  }

  /** Drops the checkpoints an edit invalidated: those after the first changed character. */
  private follow(text: string): void {
    if (text === this.text) return;
    const same = commonPrefix(this.text, text);
    this.text = text;
    let keep = this.checkpoints.length;
    while (keep > 1 && this.checkpoints[keep - 1].offset > same) keep--;
    this.checkpoints.length = keep;
  }
}

function addChild(frames: Frame[], el: { ns: string | undefined; local: string }): void {
  const parent = frames[frames.length - 1];
  if (parent) parent.kids = { ns: el.ns, local: el.local, prev: parent.kids };
}

function materialize(kids: Chain | undefined): { ns: string | undefined; local: string }[] {
  const out: { ns: string | undefined; local: string }[] = [];
  for (let k = kids; k; k = k.prev) out.push({ ns: k.ns, local: k.local });
  return out.reverse();
}

/** Length of the common prefix, compared a chunk at a time (native string equality). */
function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + COMPARE_CHUNK <= n && a.slice(i, i + COMPARE_CHUNK) === b.slice(i, i + COMPARE_CHUNK)) i += COMPARE_CHUNK;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

export function openElement(
  qname: string,
  start: number,
  text: string,
  attrsFrom: number,
  attrsTo: number,
  parentScope: ReadonlyMap<string, string> | undefined,
): Omit<OpenElement, 'children'> {
  let scope = parentScope ?? new Map<string, string>();
  const attrs = parseAttributes(text, attrsFrom, attrsTo);
  for (const a of attrs) {
    if (a.name !== 'xmlns' && !a.name.startsWith('xmlns:')) continue;
    if (scope === parentScope || scope.size === 0) scope = new Map(scope);
    (scope as Map<string, string>).set(a.name === 'xmlns' ? '' : a.name.slice(6), a.valueStart < 0 ? '' : text.slice(a.valueStart, a.valueEnd));
  }
  const { prefix, local } = splitQName(qname);
  const ns = scope.get(prefix);
  const el: Omit<OpenElement, 'children'> = { qname, ns: ns === '' ? undefined : ns, local, start, scope };
  for (const a of attrs) {
    const q = splitQName(a.name);
    if (q.local !== 'type' || !q.prefix || scope.get(q.prefix) !== XSI_NS || a.valueStart < 0) continue;
    const t = splitQName(text.slice(a.valueStart, a.valueEnd).trim());
    el.xsiType = { ns: scope.get(t.prefix) || undefined, local: t.local };
  }
  return el;
}
