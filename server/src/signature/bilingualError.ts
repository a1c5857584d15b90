import type { Lang } from '../validation/messages';

/**
 * An error said in both languages: the engine does not know who prints it (the CLI in the
 * locale's language, VS Code in its own). It never carries a secret.
 */
export class BilingualError extends Error {
  constructor(
    readonly ru: string,
    readonly en: string,
  ) {
    super(en);
  }

  text(lang: Lang): string {
    return lang === 'ru' ? this.ru : this.en;
  }
}
