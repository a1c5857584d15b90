import { XmlElement, parseXmlTree, walk } from '../xml/xmlTree';

/**
 * NSI registry items read from a saved answer to exportNsiItem, exportNsiPagingItem or
 * exportDataProviderNsiItem (the getStateResult, in an envelope or bare).
 */

export interface NsiItem {
  code: string;
  guid: string;
  /** The first text field of the item: what people call it ("Холодная вода"). */
  name: string;
  actual: boolean;
}

export interface NsiRegistry {
  registry: number;
  items: NsiItem[];
}

export function readNsiAnswer(text: string): NsiRegistry[] {
  const root = parseXmlTree(text);
  if (!root) return [];
  const out: NsiRegistry[] = [];
  walk(root, (e) => {
    if (e.local !== 'NsiItem' && e.local !== 'NsiPagingItem') return;
    const number = Number(childText(e, 'NsiItemRegistryNumber'));
    if (!Number.isInteger(number) || number <= 0) return;
    const items: NsiItem[] = [];
    walk(e, (x) => {
      if (x.local !== 'NsiElement') return;
      const code = childText(x, 'Code');
      const guid = childText(x, 'GUID');
      if (!code || !guid) return;
      items.push({ code, guid, name: itemName(x) ?? '', actual: childText(x, 'IsActual') !== 'false' });
    });
    const known = out.find((r) => r.registry === number);
    if (known) known.items.push(...items);
    else out.push({ registry: number, items });
    return true;
  });
  return out;
}

function childText(e: XmlElement, local: string): string | undefined {
  return e.children.find((c) => c.local === local)?.text.trim();
}

function itemName(e: XmlElement): string | undefined {
  for (const f of e.children) {
    if (f.local !== 'NsiElementField') continue;
    const value = childText(f, 'Value');
    if (value) return value;
  }
  return undefined;
}
