import { parseArgs } from 'node:util';
import { describeInstallError } from '../../../server/src/catalog/installError';
import { installPackage, removePackage } from '../../../server/src/catalog/packageInstaller';
import { PackageRegistry, readPackageMeta } from '../../../server/src/catalog/packageRegistry';
import { bundledSchemasDir } from '../../../server/src/productPaths';
import type { Lang } from '../../../server/src/validation/messages';
import { UsageError } from './cliErrors';
import { defaultStoreDir } from './cliEnvironment';

/** `gis-zhkh packages install <zip|dir> | list | remove <version>`. */
export async function packagesCommand(argv: string[], lang: Lang, out: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { store: { type: 'string' }, version: { type: 'string' }, format: { type: 'string', default: 'text' } },
  });
  const [sub, arg] = positionals;
  const storeDir = values.store ?? defaultStoreDir();
  const ru = lang === 'ru';
  switch (sub) {
    case 'install': {
      if (!arg) throw new UsageError(ru ? 'Укажите zip или папку пакета' : 'Give the package zip or folder');
      try {
        const r = await installPackage(arg, storeDir, { version: values.version });
        out(
          ru
            ? `Установлен пакет форматов ${r.pkg.version}${r.replaced ? ' (заменил прежний)' : ''}: операций ${r.meta.operations}, файлов ${r.meta.files} → ${r.pkg.root}`
            : `Installed format package ${r.pkg.version}${r.replaced ? ' (replacing the previous one)' : ''}: ${r.meta.operations} operations, ${r.meta.files} files → ${r.pkg.root}`,
        );
        if (r.versionNote) out(`  ${r.versionNote}`);
        return 0;
      } catch (e) {
        out(describeInstallError(e, lang));
        return 1;
      }
    }
    case 'list': {
      const registry = new PackageRegistry({ bundledRoot: bundledSchemasDir(), storeDir });
      const rows = registry.list().map((p) => ({ ...p, installedAt: readPackageMeta(p.root)?.installedAt ?? null }));
      if (values.format === 'json') out(JSON.stringify(rows, null, 2));
      else if (rows.length === 0) out(ru ? 'Пакетов нет' : 'No packages');
      else for (const p of rows) out(`${p.version}\t${p.origin}\t${p.root}`);
      return 0;
    }
    case 'remove': {
      if (!arg) throw new UsageError(ru ? 'Укажите версию' : 'Give the version');
      const removed = removePackage(storeDir, arg);
      out(removed ? (ru ? `Пакет ${arg} удалён` : `Package ${arg} removed`) : ru ? `Пакет ${arg} не установлен` : `Package ${arg} is not installed`);
      return removed ? 0 : 1;
    }
    default:
      throw new UsageError(ru ? 'packages install <zip|папка> | list | remove <версия>' : 'packages install <zip|dir> | list | remove <version>');
  }
}
