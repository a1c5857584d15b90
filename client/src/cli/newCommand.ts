import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Operation } from '../../../server/src/catalog/operationCatalog';
import { PackageRegistry } from '../../../server/src/catalog/packageRegistry';
import { bundledSchemasDir } from '../../../server/src/productPaths';
import { newRequest } from '../../../server/src/schema/newRequest';
import type { Lang } from '../../../server/src/validation/messages';
import { UsageError } from './cliErrors';
import { defaultStoreDir } from './cliEnvironment';
import { choosePackage } from './packageOption';

/** `gis-zhkh new <operation>`: a request skeleton the package accepts, to stdout or a file. */
export async function newCommand(argv: string[], lang: Lang, out: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      package: { type: 'string', short: 'p' },
      version: { type: 'string' },
      service: { type: 'string', short: 's' },
      output: { type: 'string', short: 'o' },
      'org-ppa-guid': { type: 'string' },
      store: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError(lang === 'ru' ? 'Укажите одну операцию, например importMeteringDeviceValues' : 'Give one operation, e.g. importMeteringDeviceValues');
  const registry = new PackageRegistry({ bundledRoot: bundledSchemasDir(), storeDir: values.store ?? defaultStoreDir() });
  const chosen = await choosePackage(values.package, registry, lang);
  try {
    const contents = registry.contents(chosen.pkg);
    const op = findOperation(contents.catalog.operations, positionals[0], values.service, lang);
    const offered = op.versions.fixed ? [op.versions.fixed] : op.versions.documented;
    if (values.version && offered.length > 0 && !offered.includes(values.version)) {
      throw new UsageError(
        lang === 'ru'
          ? `${op.name} в пакете ${chosen.pkg.version} принимает версии: ${offered.join(', ')}`
          : `${op.name} in package ${chosen.pkg.version} takes versions: ${offered.join(', ')}`,
      );
    }
    const opWithVersion: Operation = values.version ? { ...op, versions: { fixed: values.version, documented: op.versions.documented } } : op;
    const r = newRequest(contents, opWithVersion, { orgPPAGUID: values['org-ppa-guid'] });
    for (const p of r.problems) process.stderr.write(`gis-zhkh: ${p}\n`);
    if (values.output) fs.writeFileSync(values.output, r.text);
    else out(r.text.trimEnd());
    return 0;
  } finally {
    chosen.cleanup();
  }
}

function findOperation(ops: readonly Operation[], spec: string, service: string | undefined, lang: Lang): Operation {
  const [svc, name] = spec.includes('/') ? spec.split('/', 2) : [service, spec];
  const found = ops.filter((o) => o.name === name && (!svc || o.service === svc));
  if (found.length === 1) return found[0];
  if (found.length > 1) {
    const choices = found.map((o) => `${o.service}/${o.name}`).join(', ');
    throw new UsageError(lang === 'ru' ? `Операция есть в нескольких сервисах, уточните: ${choices}` : `The operation is in several services, say which: ${choices}`);
  }
  const near = ops.filter((o) => o.name.toLowerCase().includes((name ?? '').toLowerCase())).slice(0, 8);
  const hint = near.length ? (lang === 'ru' ? ` Похожие: ` : ` Similar: `) + near.map((o) => `${o.service}/${o.name}`).join(', ') : '';
  throw new UsageError((lang === 'ru' ? `В пакете нет операции ${spec}.` : `The package has no operation ${spec}.`) + hint);
}
