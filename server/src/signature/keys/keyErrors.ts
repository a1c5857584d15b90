import { BilingualError } from '../bilingualError';
import type { Lang } from '../../validation/messages';

/** Errors of key sources: a missing or unreadable key, certificate or container. */
export class KeySourceError extends BilingualError {}

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
  if (e instanceof BilingualError) return e.text(lang);
  return e instanceof Error ? e.message : String(e);
}
