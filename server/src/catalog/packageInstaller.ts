import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PackageInstallError } from './installError';
import { GIS_BASE_NS, isGisNamespace } from './namespaces';
import { OperationCatalog } from './operationCatalog';
import { PackageFiles, readTargetNamespace } from './packageFiles';
import { VersionEvidence, detectPackageVersion } from './packageVersion';
import { SchemaPackage, VERSION_PATTERN, packageKey } from './schemaPackage';
import { ExtractLimits, PACKAGE_LIMITS, extractPackageZip, isPackageFile, safeRelativePath } from './zipArchive';

/**
 * Installs an official format package (zip or folder) into the package store: checks it is safe
 * and is a GIS package, reads its version, and makes it appear atomically, so a crash or a
 * refused package never leaves a half-installed version behind.
 */
export const PACKAGE_META = '.gis-zhkh-package.json';

export interface PackageMeta {
  version: string;
  source: string;
  installedAt: string;
  operations: number;
  files: number;
}

export interface InstallOptions {
  /** Overrides the detected version. */
  version?: string;
  limits?: ExtractLimits;
}

export interface InstallResult {
  pkg: SchemaPackage;
  meta: PackageMeta;
  replaced: boolean;
  skippedFiles: number;
  versionNote?: string;
}

export async function installPackage(source: string, storeDir: string, options: InstallOptions = {}): Promise<InstallResult> {
  fs.mkdirSync(storeDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(storeDir, '.staging-'));
  try {
    const staged = await stagePackage(source, staging, options.limits);
    const version = options.version ?? staged.evidence.version;
    if (!version || !VERSION_PATTERN.test(version)) throw new PackageInstallError('no-version', options.version ?? 'no version found');
    const meta: PackageMeta = {
      version,
      source: path.basename(path.resolve(source)),
      installedAt: new Date().toISOString(),
      operations: staged.catalog.operations.length,
      files: staged.files,
    };
    fs.writeFileSync(path.join(staged.root, PACKAGE_META), JSON.stringify(meta, null, 2));
    const target = path.join(storeDir, version);
    const replaced = swapInto(staged.root, target);
    return {
      pkg: { key: packageKey('installed', version, target), version, origin: 'installed', root: target },
      meta,
      replaced,
      skippedFiles: staged.skipped,
      versionNote: options.version ? undefined : staged.evidence.note,
    };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

export interface StagedPackage {
  /** The package root inside the staging folder. */
  root: string;
  files: number;
  skipped: number;
  catalog: OperationCatalog;
  evidence: VersionEvidence;
}

/** Copies or extracts a package into `staging` with every check, without installing it. */
export async function stagePackage(source: string, staging: string, limits: ExtractLimits = PACKAGE_LIMITS): Promise<StagedPackage> {
  const src = path.resolve(source);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(src);
  } catch {
    throw new PackageInstallError('not-found', source);
  }
  const copied = stat.isDirectory() ? copyPackageFolder(src, staging, limits) : await extractPackageZip(src, staging, limits);
  const root = findPackageRoot(staging);
  const files = PackageFiles.read(root);
  checkIsGisPackage(files);
  const catalog = OperationCatalog.read(files);
  const unreadable = catalog.problems.find((p) => /\.wsdl:/.test(p));
  if (unreadable) throw new PackageInstallError('unreadable-wsdl', unreadable);
  const evidence = detectPackageVersion(files, [path.basename(src), path.relative(staging, root)]);
  return { root, files: copied.files, skipped: copied.skipped, catalog, evidence };
}

/** Removes an installed version; returns false when it was not installed. */
export function removePackage(storeDir: string, version: string): boolean {
  const dir = path.join(storeDir, version);
  if (!VERSION_PATTERN.test(version) || !fs.existsSync(path.join(dir, PACKAGE_META))) return false;
  const trash = path.join(storeDir, `.trash-${crypto.randomBytes(4).toString('hex')}`);
  fs.renameSync(dir, trash);
  fs.rmSync(trash, { recursive: true, force: true });
  return true;
}

function copyPackageFolder(src: string, dest: string, limits: ExtractLimits): { files: number; skipped: number } {
  let files = 0;
  let bytes = 0;
  let skipped = 0;
  const walk = (dir: string, rel: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const relPath = safeRelativePath(rel ? `${rel}/${entry.name}` : entry.name);
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) throw new PackageInstallError('link', relPath);
      if (entry.isDirectory()) {
        walk(full, relPath);
        continue;
      }
      if (!entry.isFile() || !isPackageFile(relPath)) {
        skipped++;
        continue;
      }
      const size = fs.statSync(full).size;
      if (++files > limits.maxFiles) throw new PackageInstallError('too-many-files', `> ${limits.maxFiles}`);
      if (size > limits.maxFileBytes) throw new PackageInstallError('too-large', `${relPath}: ${size} B`);
      bytes += size;
      if (bytes > limits.maxTotalBytes) throw new PackageInstallError('too-large', `> ${limits.maxTotalBytes} B`);
      const target = path.join(dest, ...relPath.split('/'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(full, target);
    }
  };
  walk(src, '');
  return { files, skipped };
}

/** The folder holding lib/hcs-base.xsd: the archive's root or a folder a few levels down. */
function findPackageRoot(dir: string, depth = 0): string {
  if (fs.existsSync(path.join(dir, 'lib', 'hcs-base.xsd'))) return dir;
  if (depth < 3) {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const found = tryFind(path.join(dir, entry.name), depth + 1);
      if (found) return found;
    }
  }
  throw new PackageInstallError('not-a-package', 'lib/hcs-base.xsd not found');
}

function tryFind(dir: string, depth: number): string | undefined {
  try {
    return findPackageRoot(dir, depth);
  } catch {
    return undefined;
  }
}

function checkIsGisPackage(files: PackageFiles): void {
  if (readTargetNamespace(files.absolute('lib/hcs-base.xsd')) !== GIS_BASE_NS) {
    throw new PackageInstallError('not-a-package', `lib/hcs-base.xsd does not define ${GIS_BASE_NS}`);
  }
  const gisServices = files.services.filter((s) => s.xsd.some((x) => isGisNamespace(readTargetNamespace(files.absolute(x)))));
  if (gisServices.length === 0) throw new PackageInstallError('not-a-package', 'no service folder with a GIS WSDL and types XSD');
}

/** Puts `src` at `target` by renames only; an existing version is replaced. */
function swapInto(src: string, target: string): boolean {
  const existed = fs.existsSync(target);
  if (!existed) {
    fs.renameSync(src, target);
    return false;
  }
  const old = `${target}.old-${crypto.randomBytes(4).toString('hex')}`;
  fs.renameSync(target, old);
  try {
    fs.renameSync(src, target);
  } catch (e) {
    fs.renameSync(old, target);
    throw e;
  }
  fs.rmSync(old, { recursive: true, force: true });
  return true;
}
