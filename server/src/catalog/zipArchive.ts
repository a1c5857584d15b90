import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import * as yauzl from 'yauzl';
import { PackageInstallError } from './installError';

/**
 * Extracts the files a format package consists of from a zip, refusing anything that could write
 * outside the destination (absolute paths, '..', drive letters, symbolic links) and stopping as
 * soon as a size or count limit is passed, whatever the archive declares.
 */
export interface ExtractLimits {
  maxFiles: number;
  maxFileBytes: number;
  maxTotalBytes: number;
}

export const PACKAGE_LIMITS: ExtractLimits = {
  maxFiles: 5000,
  maxFileBytes: 64 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
};

/** Files kept from a package; anything else in the archive is skipped. */
export function isPackageFile(rel: string): boolean {
  return /\.(xsd|wsdl|txt)$/i.test(rel) || /(^|\/)LICENSE[^/]*$/i.test(rel);
}

/** A normalised relative path, or an error for a path that is not safely relative. */
export function safeRelativePath(name: string): string {
  const n = name.replace(/\\/g, '/');
  if (n.includes('\0') || n.startsWith('/') || /^[A-Za-z]:/.test(n)) throw new PackageInstallError('unsafe-path', name);
  const parts = n.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..')) throw new PackageInstallError('unsafe-path', name);
  return parts.join('/');
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

export async function extractPackageZip(zipPath: string, dest: string, limits: ExtractLimits = PACKAGE_LIMITS): Promise<{ files: number; bytes: number; skipped: number }> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    // yauzl turns Windows backslashes into '/' and then refuses absolute and '..' paths itself;
    // safeRelativePath checks again so the rule does not depend on the library's defaults.
    yauzl.open(zipPath, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true, autoClose: true }, (err, z) =>
      err || !z ? reject(new PackageInstallError('bad-zip', err?.message ?? 'cannot open')) : resolve(z),
    ),
  );
  let files = 0;
  let bytes = 0;
  let skipped = 0;
  const root = path.resolve(dest);
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (e: unknown): void => {
        zip.close();
        const message = (e as Error).message;
        if (e instanceof PackageInstallError) reject(e);
        else if (/absolute path|invalid relative path|invalid characters in fileName/.test(message)) reject(new PackageInstallError('unsafe-path', message.replace(/^[^:]*: /, '')));
        else reject(new PackageInstallError('bad-zip', message));
      };
      zip.on('error', fail);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        (async () => {
          const rel = safeRelativePath(entry.fileName);
          const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
          if (mode === S_IFLNK) throw new PackageInstallError('link', entry.fileName);
          if (entry.fileName.endsWith('/') || rel === '') return;
          if (!isPackageFile(rel)) {
            skipped++;
            return;
          }
          if (++files > limits.maxFiles) throw new PackageInstallError('too-many-files', `> ${limits.maxFiles}`);
          if (entry.uncompressedSize > limits.maxFileBytes) throw new PackageInstallError('too-large', `${rel}: ${entry.uncompressedSize} B`);
          if (bytes + entry.uncompressedSize > limits.maxTotalBytes) throw new PackageInstallError('too-large', `> ${limits.maxTotalBytes} B`);
          const target = path.resolve(root, ...rel.split('/'));
          if (!target.startsWith(root + path.sep)) throw new PackageInstallError('unsafe-path', entry.fileName);
          fs.mkdirSync(path.dirname(target), { recursive: true });
          const stream = await new Promise<NodeJS.ReadableStream>((res, rej) => zip.openReadStream(entry, (e, s) => (e || !s ? rej(e) : res(s))));
          let fileBytes = 0;
          const counter = new Transform({
            transform(chunk: Buffer, _enc, cb) {
              fileBytes += chunk.length;
              bytes += chunk.length;
              if (fileBytes > limits.maxFileBytes) cb(new PackageInstallError('too-large', `${rel}: > ${limits.maxFileBytes} B`));
              else if (bytes > limits.maxTotalBytes) cb(new PackageInstallError('too-large', `> ${limits.maxTotalBytes} B`));
              else cb(null, chunk);
            },
          });
          await pipeline(stream, counter, fs.createWriteStream(target, { flags: 'wx' }));
        })().then(() => zip.readEntry(), fail);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return { files, bytes, skipped };
}
