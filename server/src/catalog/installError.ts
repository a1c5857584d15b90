import type { Lang } from '../validation/messages';

/** Why a format package was refused; each says what to do about it. */
export type InstallErrorCode =
  | 'not-found'
  | 'bad-zip'
  | 'unsafe-path'
  | 'link'
  | 'too-large'
  | 'too-many-files'
  | 'not-a-package'
  | 'unreadable-wsdl'
  | 'no-version';

export class PackageInstallError extends Error {
  constructor(
    readonly code: InstallErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

export function describeInstallError(e: unknown, lang: Lang): string {
  if (!(e instanceof PackageInstallError)) return String((e as Error)?.message ?? e);
  const ru = lang === 'ru';
  const d = e.detail;
  switch (e.code) {
    case 'not-found':
      return ru ? `Не найден файл или папка: ${d}` : `No such file or folder: ${d}`;
    case 'bad-zip':
      return ru ? `Архив повреждён или это не zip: ${d}` : `The archive is damaged or not a zip: ${d}`;
    case 'unsafe-path':
      return ru ? `Архив отклонён: путь «${d}» ведёт за пределы папки пакета` : `Archive refused: path "${d}" leads outside the package folder`;
    case 'link':
      return ru ? `Пакет отклонён: «${d}» — символическая ссылка` : `Package refused: "${d}" is a symbolic link`;
    case 'too-large':
      return ru ? `Пакет отклонён: превышен предел размера (${d})` : `Package refused: size limit exceeded (${d})`;
    case 'too-many-files':
      return ru ? `Пакет отклонён: слишком много файлов (${d})` : `Package refused: too many files (${d})`;
    case 'not-a-package':
      return ru
        ? `Это не пакет форматов ГИС ЖКХ: ${d}. Нужен архив «Регламент и форматы» с папками сервисов (WSDL и XSD) и папкой lib`
        : `This is not a GIS ZhKKh format package: ${d}. Expected the "Регламент и форматы" archive with service folders (WSDL and XSD) and lib/`;
    case 'unreadable-wsdl':
      return ru ? `Пакет отклонён: WSDL не читается: ${d}` : `Package refused: a WSDL cannot be read: ${d}`;
    case 'no-version':
      return ru
        ? `Не удалось определить версию пакета (${d}); укажите её явно`
        : `Could not tell the package version (${d}); give it explicitly`;
  }
}
