import type { Lang } from '../../validation/messages';

/**
 * Errors of key sources carry both languages: the engine does not know who will print them (the
 * CLI in the locale's language, VS Code in its own). They never carry a secret.
 */
export class KeySourceError extends Error {
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

export type SecretKind = 'password' | 'pin';

/** The key source needs a secret it was not given: ask the user, then call again. */
export class SecretRequiredError extends KeySourceError {
  constructor(readonly secret: SecretKind) {
    super(
      secret === 'pin' ? 'Нужен PIN-код ключа' : 'Нужен пароль ключа',
      secret === 'pin' ? 'The key PIN is needed' : 'The key password is needed',
    );
  }
}

/** The secret given does not open the key: forget a remembered one. */
export class WrongSecretError extends KeySourceError {
  constructor(readonly secret: SecretKind) {
    super(secret === 'pin' ? 'Неверный PIN-код ключа' : 'Неверный пароль ключа', secret === 'pin' ? 'Wrong key PIN' : 'Wrong key password');
  }
}

export function errorText(e: unknown, lang: Lang): string {
  if (e instanceof KeySourceError) return e.text(lang);
  return e instanceof Error ? e.message : String(e);
}
