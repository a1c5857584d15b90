import { UsageError } from './cliErrors';
import { defaultLang } from './cliEnvironment';
import { newCommand } from './newCommand';
import { packagesCommand } from './packagesCommand';
import { signCommand } from './signCommand';
import { validateCommand } from './validateCommand';
import { verifyCommand } from './verifyCommand';
import type { Lang } from '../../../server/src/validation/messages';

const HELP: Record<Lang, string> = {
  ru: `gis-zhkh — проверка XML ГИС ЖКХ по пакетам форматов

  gis-zhkh validate [--package <папка|zip|версия|bundled>] [--format text|json] <файлы или маски>
      Проверить документы. Код выхода 1, если хотя бы один документ с ошибками.
  gis-zhkh new [<сервис>/]<операция> [--version <версия запроса>] [--package …] [--org-ppa-guid <GUID>] [-o <файл>]
      Новый запрос: конверт SOAP, заголовок и все обязательные элементы с подстановочными значениями.
  gis-zhkh packages install <zip|папка> [--version <версия>]   Установить официальный пакет форматов
  gis-zhkh packages list [--format json]                       Показать пакеты
  gis-zhkh packages remove <версия>                             Удалить установленный пакет
  gis-zhkh sign --profile <имя|профиль.json> [--profiles <signing.json>] <файл> [-o <файл>]
      Подписать запрос (XAdES-BES). Профили — в $GIS_ZHKH_HOME/signing.json; пароль ключа и PIN-код —
      из переменных GIS_ZHKH_KEY_PASSWORD и GIS_ZHKH_PIN или с терминала. Код выхода 1, если подписать не удалось.
  gis-zhkh verify [--format text|json] <файлы или маски>
      Проверить подписи. Код выхода 1, если подпись неверна или её нет.

  Общие параметры: --lang ru|en, --store <папка пакетов> (по умолчанию $GIS_ZHKH_HOME/formats)`,
  en: `gis-zhkh — validates GIS ZhKKh XML against format packages

  gis-zhkh validate [--package <dir|zip|version|bundled>] [--format text|json] <files or globs>
      Validate documents. Exit code 1 when any document is invalid.
  gis-zhkh new [<service>/]<operation> [--version <request version>] [--package …] [--org-ppa-guid <GUID>] [-o <file>]
      A new request: SOAP envelope, header and every required element with placeholder values.
  gis-zhkh packages install <zip|dir> [--version <version>]   Install an official format package
  gis-zhkh packages list [--format json]                      List packages
  gis-zhkh packages remove <version>                           Remove an installed package
  gis-zhkh sign --profile <name|profile.json> [--profiles <signing.json>] <file> [-o <file>]
      Sign a request (XAdES-BES). Profiles live in $GIS_ZHKH_HOME/signing.json; the key password and
      PIN come from GIS_ZHKH_KEY_PASSWORD and GIS_ZHKH_PIN or the terminal. Exit code 1 when signing fails.
  gis-zhkh verify [--format text|json] <files or globs>
      Verify signatures. Exit code 1 when a signature is bad or missing.

  Common options: --lang ru|en, --store <packages folder> (default $GIS_ZHKH_HOME/formats)`,
};

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(`${s}\n`)): Promise<number> {
  let lang = defaultLang();
  const li = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (li >= 0) {
    const value = argv[li].includes('=') ? argv[li].split('=')[1] : argv[li + 1];
    argv = argv.filter((_, i) => i !== li && !(i === li + 1 && !argv[li].includes('=')));
    if (value === 'ru' || value === 'en') lang = value;
  }
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'validate':
        return await validateCommand(rest, lang, out);
      case 'new':
        return await newCommand(rest, lang, out);
      case 'packages':
        return await packagesCommand(rest, lang, out);
      case 'sign':
        return await signCommand(rest, lang, out);
      case 'verify':
        return await verifyCommand(rest, lang, out);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out(HELP[lang]);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`${lang === 'ru' ? 'Неизвестная команда' : 'Unknown command'}: ${command}\n\n${HELP[lang]}`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`gis-zhkh: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`gis-zhkh: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 3;
    },
  );
}
