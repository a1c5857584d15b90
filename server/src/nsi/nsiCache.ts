import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NsiItem, NsiRegistry } from './nsiAnswer';

/**
 * NSI registries kept per stand in the extension's global storage: one JSON file per registry,
 * written atomically, read on demand and kept in memory.
 */
export class NsiCache {
  private readonly memory = new Map<string, Map<string, NsiItem> | null>();

  constructor(private readonly dir: string) {}

  /** Replaces the stored registries with these (a newer answer wins as a whole). */
  save(stand: string, registries: NsiRegistry[]): void {
    const dir = path.join(this.dir, safe(stand));
    fs.mkdirSync(dir, { recursive: true });
    for (const r of registries) {
      const file = path.join(dir, `${r.registry}.json`);
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify({ registry: r.registry, savedAt: new Date().toISOString(), items: r.items }));
      fs.renameSync(tmp, file);
      this.memory.delete(`${safe(stand)}/${r.registry}`);
    }
  }

  /** The items of a registry by code, or undefined when the stand has no copy of it. */
  registry(stand: string, registry: number): ReadonlyMap<string, NsiItem> | undefined {
    const key = `${safe(stand)}/${registry}`;
    if (!this.memory.has(key)) {
      let items: Map<string, NsiItem> | null = null;
      try {
        const data = JSON.parse(fs.readFileSync(path.join(this.dir, safe(stand), `${registry}.json`), 'utf8')) as { items: NsiItem[] };
        items = new Map(data.items.map((i) => [i.code, i]));
      } catch {
        items = null;
      }
      this.memory.set(key, items);
    }
    return this.memory.get(key) ?? undefined;
  }

  /** Registries stored for a stand. */
  list(stand: string): number[] {
    try {
      return fs
        .readdirSync(path.join(this.dir, safe(stand)))
        .map((f) => /^(\d+)\.json$/.exec(f)?.[1])
        .filter((x): x is string => x !== undefined)
        .map(Number)
        .sort((a, b) => a - b);
    } catch {
      return [];
    }
  }
}

/** A stand name as a folder name. */
function safe(stand: string): string {
  return stand.replace(/[^\p{L}\p{N}._-]+/gu, '_') || 'default';
}
