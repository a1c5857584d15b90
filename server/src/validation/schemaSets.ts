import * as fs from 'node:fs';
import * as path from 'node:path';
import { Libxml, LibxmlProblem, ProblemSink } from './libxml';
import { SOAP11_NS } from '../xml/documentShape';
import type { SchemaPackage } from '../catalog/schemaPackage';
import { escapeAttr } from '../xml/escape';

/**
 * Compiled schemas, one per (package, namespace), compiled on first use and shared by every
 * document. Each set is the SOAP 1.1 envelope schema plus the package's XSD for the namespace,
 * so a bare request and a full envelope (header included) validate in one pass.
 *
 * libxml2 reads imports only through `gis-zhkh:` URLs mapped here to files of registered
 * packages: a schema or document can never make it read anything else.
 */
export interface CompiledSchema {
  key: string;
  handle: number;
  /** Absolute path of the package XSD for the namespace. */
  schemaFile: string;
  compileMs: number;
}

export interface SchemaCompileFailure {
  key: string;
  schemaFile: string;
  problems: LibxmlProblem[];
}

const SCHEME = 'gis-zhkh:';

export class SchemaSets {
  private readonly compiled = new Map<string, CompiledSchema | SchemaCompileFailure>();
  private readonly idByPackage = new Map<string, string>();
  private readonly rootById = new Map<string, string>();
  private lastId = 0;

  constructor(
    private readonly libxml: Libxml,
    private readonly envelopeSchema: string,
  ) {}

  get(pkg: SchemaPackage, ns: string, schemaRel: string): CompiledSchema | SchemaCompileFailure {
    const key = `${pkg.key}\u0000${ns}`;
    const pkgId = this.registerRoot(pkg);
    const hit = this.compiled.get(key);
    if (hit) return hit;
    const schemaFile = path.join(pkg.root, ...schemaRel.split('/'));
    const driver =
      `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">` +
      `<xs:import namespace="${SOAP11_NS}" schemaLocation="${SCHEME}/soap/envelope.xsd"/>` +
      `<xs:import namespace="${escapeAttr(ns)}" schemaLocation="${SCHEME}/pkg/${pkgId}/${encodeURI(schemaRel)}"/>` +
      `</xs:schema>`;
    const sink: ProblemSink = { problems: [], total: 0, limit: 50 };
    const started = performance.now();
    const handle = this.libxml.compileSchema(driver, `${SCHEME}/driver/${pkgId}.xsd`, (url) => this.resolve(url), sink);
    const result: CompiledSchema | SchemaCompileFailure = handle
      ? { key, handle, schemaFile, compileMs: performance.now() - started }
      : { key, schemaFile, problems: sink.problems };
    this.compiled.set(key, result);
    return result;
  }

  /** Drops every compiled schema of a package (reinstalled or removed). */
  evict(packageKey: string): void {
    for (const [key, set] of this.compiled) {
      if (!key.startsWith(`${packageKey}\u0000`)) continue;
      if ('handle' in set) this.libxml.freeSchema(set.handle);
      this.compiled.delete(key);
    }
    const id = this.idByPackage.get(packageKey);
    if (id !== undefined) this.rootById.delete(id);
    this.idByPackage.delete(packageKey);
  }

  private registerRoot(pkg: SchemaPackage): string {
    // The same package key in another folder (another store, a reinstall elsewhere): what was
    // compiled from the old folder must not be mixed with files of the new one.
    const known = this.idByPackage.get(pkg.key);
    if (known !== undefined && this.rootById.get(known) !== pkg.root) this.evict(pkg.key);
    let id = this.idByPackage.get(pkg.key);
    if (id === undefined) {
      id = String(++this.lastId);
      this.idByPackage.set(pkg.key, id);
      this.rootById.set(id, pkg.root);
    }
    return id;
  }

  private resolve(url: string): Uint8Array | undefined {
    if (!url.startsWith(`${SCHEME}/`)) return undefined;
    const rest = url.slice(SCHEME.length + 1);
    if (rest === 'soap/envelope.xsd') return readFile(this.envelopeSchema);
    const m = /^pkg\/(\d+)\/(.+)$/.exec(rest);
    if (!m) return undefined;
    const root = this.rootById.get(m[1]);
    if (!root) return undefined;
    let rel: string;
    try {
      rel = decodeURI(m[2]);
    } catch {
      return undefined;
    }
    if (!/\.xsd$/i.test(rel)) return undefined;
    const file = path.resolve(root, ...rel.split('/'));
    if (!file.startsWith(path.resolve(root) + path.sep)) return undefined;
    return readFile(file);
  }
}

function readFile(file: string): Uint8Array | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

