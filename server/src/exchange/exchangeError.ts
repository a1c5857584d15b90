/**
 * A problem the exchange reports to a person: a stable code for scripts, a Russian and an English
 * text for the user. Transport and GIS errors keep their own classes; this one is for the
 * product's own refusals (no request element, no sender, unknown stand…).
 */
export class ExchangeError extends Error {
  constructor(
    readonly code: string,
    readonly ru: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'ExchangeError';
  }

  text(lang: 'ru' | 'en'): string {
    return lang === 'ru' ? this.ru : this.en;
  }
}
