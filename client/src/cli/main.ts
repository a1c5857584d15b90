import { UsageError } from './cliErrors';
import { defaultLang } from './cliEnvironment';
import { demoCommand } from './demoCommand';
import { journalCommand } from './journalCommand';
import { newCommand } from './newCommand';
import { packagesCommand } from './packagesCommand';
import { sandboxCommand } from './sandboxCommand';
import { sendCommand } from './sendCommand';
import { signCommand } from './signCommand';
import { stateCommand } from './stateCommand';
import { validateCommand } from './validateCommand';
import { verifyCommand } from './verifyCommand';
import type { Lang } from '../../../server/src/validation/messages';

const HELP: Record<Lang, string> = {
  ru: `gis-zhkh — XML ГИС ЖКХ: проверка по пакетам форматов, подпись и обмен со стендами

  gis-zhkh demo [--dir <папка>] [--keep]
      Главное: песочница, тестовый ключ ГОСТ, проверка, подпись и отправка каждого запроса из samples/,
      опрос до ответа и сводка журнала. Без настройки. Код выхода 1, если какой-то запрос не дошёл до ожидаемого итога.

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
  gis-zhkh send --stand <стенд> [--profile <профиль подписи>] [--allow-invalid] [--no-wait] [--sign auto|always|never]
                [--resend-unknown] <файлы…>
      Отправить запросы: проверка, подпись, отправка, опрос getState до ответа. Сначала продолжает незавершённые
      сообщения стенда. Код выхода 1, если сообщение отклонено, с ошибкой, брошено или не прошло проверку.
  gis-zhkh state <MessageGUID>                  Запросить состояние сообщения сейчас (наш GUID или GUID ГИС)
  gis-zhkh journal list [--stand <стенд>] [--state s,s] [--limit N] [--format text|json]   Сообщения журнала
  gis-zhkh journal show <MessageGUID>           Сообщение: состояние, элементы, файлы запроса и ответа
  gis-zhkh journal export <MessageGUID> [-o <файл.zip>]   Выгрузить запрос, ответ и сводку для поддержки ГИС
  gis-zhkh sandbox [--port <порт>] [--faults …]   Запустить песочницу — локальный стенд ГИС ЖКХ

  Общие параметры: --lang ru|en, --store <папка пакетов> (по умолчанию $GIS_ZHKH_HOME/formats)
  Обмен: --stands <stands.json> (по умолчанию $GIS_ZHKH_HOME/stands.json; встроены sit-01, sit-02, ppak, sandbox),
    --journal <папка> (по умолчанию $GIS_ZHKH_HOME/journal), --profiles <signing.json>. Секреты — только из переменных
    GIS_ZHKH_KEY_PASSWORD, GIS_ZHKH_PIN, GIS_ZHKH_TLS_KEY_PASSWORD или с терминала.`,
  en: `gis-zhkh — GIS ZhKKh XML: validation against format packages, signing, exchange with the stands

  gis-zhkh demo [--dir <folder>] [--keep]
      The main job: a sandbox stand, a test GOST key, then every request of samples/ validated, signed, sent and
      polled to its answer, and the journal's summary. No setup. Exit code 1 when a request misses its expected end.

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
  gis-zhkh send --stand <stand> [--profile <signing profile>] [--allow-invalid] [--no-wait] [--sign auto|always|never]
                [--resend-unknown] <files…>
      Send requests: validate, sign, send, poll getState to the answer. Resumes the stand's unfinished messages first.
      Exit code 1 when a message is rejected, failed, abandoned or fails validation.
  gis-zhkh state <MessageGUID>                  Ask a message's state now (our GUID or GIS's)
  gis-zhkh journal list [--stand <stand>] [--state s,s] [--limit N] [--format text|json]   Journal messages
  gis-zhkh journal show <MessageGUID>           A message: state, items, request and answer files
  gis-zhkh journal export <MessageGUID> [-o <file.zip>]   Request, answer and a summary for GIS support
  gis-zhkh sandbox [--port <port>] [--faults …]   Run the sandbox, a local GIS ZhKKh stand

  Common options: --lang ru|en, --store <packages folder> (default $GIS_ZHKH_HOME/formats)
  Exchange: --stands <stands.json> (default $GIS_ZHKH_HOME/stands.json; built in: sit-01, sit-02, ppak, sandbox),
    --journal <folder> (default $GIS_ZHKH_HOME/journal), --profiles <signing.json>. Secrets come only from
    GIS_ZHKH_KEY_PASSWORD, GIS_ZHKH_PIN, GIS_ZHKH_TLS_KEY_PASSWORD or the terminal.`,
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
      case 'send':
        return await sendCommand(rest, lang, out);
      case 'state':
        return await stateCommand(rest, lang, out);
      case 'journal':
        return await journalCommand(rest, lang, out);
      case 'sandbox':
        return await sandboxCommand(rest, lang, out);
      case 'demo':
        return await demoCommand(rest, lang, out);
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
  // `gis-zhkh journal list | head`: a reader that stops early is not an error. The command runs
  // on with its output dropped, so the demo still stops its sandbox and removes its folder.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
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
