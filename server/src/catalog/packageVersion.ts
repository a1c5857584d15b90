import * as fs from 'node:fs';
import { PackageFiles } from './packageFiles';
import { compareVersions } from './schemaPackage';

/**
 * A package's format version. GIS writes it nowhere as such: each changed schema carries its own
 * xs:schema/@version (the package's newest equals it when that release changed a schema), the
 * changelog names the versions it went "до версии …", and the zip is usually named after it.
 * 16.3.0.0 needs the schemas (its changelog's newest heading says 16.2.0.0); 14.8.0.2 needs the
 * changelog (no schema changed in it).
 */
export interface VersionEvidence {
  version: string | undefined;
  fromSchemas?: string;
  fromChangelog?: string;
  fromName?: string;
  /** Set when the sources disagree, in English for logs. */
  note?: string;
}

const VERSION = /\d+\.\d+\.\d+\.\d+/;
const HEAD_BYTES = 16 * 1024;

export function detectPackageVersion(files: PackageFiles, nameHints: string[] = []): VersionEvidence {
  const fromSchemas = maxVersion(
    [...files.xsdFiles, ...files.services.flatMap((s) => s.wsdl)].flatMap((rel) => schemaVersions(files.absolute(rel))),
  );
  const fromChangelog = maxVersion(changelogVersions(files.root));
  const fromName = nameHints.map((h) => VERSION.exec(h)?.[0]).find((v) => v !== undefined);
  const fromContent = maxVersion([fromSchemas, fromChangelog].filter((v): v is string => v !== undefined));
  let version = fromContent ?? fromName;
  let note: string | undefined;
  if (fromName && fromContent && fromName !== fromContent) {
    if (compareVersions(fromName, fromContent) > 0) version = fromName;
    note = `the name says ${fromName}, the contents say ${fromContent}; using ${version}`;
  }
  return { version, fromSchemas, fromChangelog, fromName, note };
}

function schemaVersions(file: string): string[] {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(HEAD_BYTES);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const head = buf.toString('utf8', 0, n);
    const out: string[] = [];
    for (const m of head.matchAll(/<(?:[A-Za-z_][\w.-]*:)?schema\b[^>]*?\bversion\s*=\s*["'](\d+(?:\.\d+){3})["']/g)) out.push(m[1]);
    return out;
  } catch {
    return [];
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function changelogVersions(root: string): string[] {
  const file = fs.readdirSync(root).find((f) => /^changelog.*\.txt$/i.test(f));
  if (!file) return [];
  try {
    const text = fs.readFileSync(`${root}/${file}`, 'utf8');
    return [...text.matchAll(/до\s+версии\s+(\d+(?:\.\d+){3})/gi)].map((m) => m[1]);
  } catch {
    return [];
  }
}

function maxVersion(versions: (string | undefined)[]): string | undefined {
  let best: string | undefined;
  for (const v of versions) if (v && (!best || compareVersions(v, best) > 0)) best = v;
  return best;
}
