import * as os from 'node:os';
import * as path from 'node:path';
import type { Lang } from '../../../server/src/validation/messages';

/** Where the CLI keeps installed format packages: $GIS_ZHKH_HOME/formats, else the OS's data folder. */
export function defaultStoreDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GIS_ZHKH_HOME) return path.join(env.GIS_ZHKH_HOME, 'formats');
  if (process.platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'gis-zhkh', 'formats');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'gis-zhkh', 'formats');
  return path.join(env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'), 'gis-zhkh', 'formats');
}

/** Russian unless the locale says English. */
export function defaultLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en/i.test(locale) ? 'en' : 'ru';
}
