import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeInstallError } from '../../../server/src/catalog/installError';
import { PackageFiles } from '../../../server/src/catalog/packageFiles';
import { stagePackage } from '../../../server/src/catalog/packageInstaller';
import { PackageRegistry } from '../../../server/src/catalog/packageRegistry';
import { detectPackageVersion } from '../../../server/src/catalog/packageVersion';
import { SchemaPackage, packageKey } from '../../../server/src/catalog/schemaPackage';
import type { Lang } from '../../../server/src/validation/messages';
import { UsageError } from './cliErrors';

/**
 * `--package`: a folder or zip used in place (the zip is checked and unpacked to a temporary
 * folder), `bundled`, a version among the installed and bundled ones, or nothing (the newest).
 */
export interface ChosenPackage {
  pkg: SchemaPackage;
  cleanup(): void;
}

export async function choosePackage(spec: string | undefined, registry: PackageRegistry, lang: Lang): Promise<ChosenPackage> {
  const none = (): void => undefined;
  if (!spec) {
    const { pkg } = registry.select('');
    if (!pkg) throw new UsageError(lang === 'ru' ? 'Нет ни одного пакета форматов' : 'No format package is available');
    return { pkg, cleanup: none };
  }
  const known = registry.find(spec);
  if (known) return { pkg: known, cleanup: none };
  const abs = path.resolve(spec);
  if (fs.existsSync(abs) && fs.statSync(abs).isDirectory()) {
    if (!fs.existsSync(path.join(abs, 'lib', 'hcs-base.xsd'))) {
      throw new UsageError(lang === 'ru' ? `В папке ${spec} нет lib/hcs-base.xsd: это не пакет форматов` : `${spec} has no lib/hcs-base.xsd: not a format package`);
    }
    return { pkg: folderPackage(abs, [path.basename(abs)]), cleanup: none };
  }
  if (fs.existsSync(abs)) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gis-zhkh-package-'));
    const cleanup = (): void => fs.rmSync(tmp, { recursive: true, force: true });
    try {
      const staged = await stagePackage(abs, tmp);
      return { pkg: folderPackage(staged.root, [path.basename(abs)]), cleanup };
    } catch (e) {
      cleanup();
      throw new UsageError(describeInstallError(e, lang));
    }
  }
  throw new UsageError(
    lang === 'ru'
      ? `Пакет «${spec}» не найден: укажите папку, zip, версию (${registry.list().map((p) => p.version).join(', ')}) или bundled`
      : `Package "${spec}" not found: give a folder, a zip, a version (${registry.list().map((p) => p.version).join(', ')}) or bundled`,
  );
}

function folderPackage(root: string, hints: string[]): SchemaPackage {
  const version = detectPackageVersion(PackageFiles.read(root), hints).version ?? '0.0.0.0';
  return { key: packageKey('folder', version, root), version, origin: 'folder', root };
}
