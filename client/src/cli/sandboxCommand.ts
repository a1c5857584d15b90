import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { PackageRegistry } from '../../../server/src/catalog/packageRegistry';
import { describePackage } from '../../../server/src/catalog/schemaPackage';
import { bundledSchemasDir } from '../../../server/src/productPaths';
import { FaultPlan, FaultSpecError, parseFaultSpec } from '../../../server/src/sandbox/faultPlan';
import { SandboxLockedError } from '../../../server/src/sandbox/sandboxDatabase';
import { DEFAULT_DELAYS } from '../../../server/src/sandbox/sandboxOptions';
import { startSandbox } from '../../../server/src/sandbox/sandboxStand';
import type { Lang } from '../../../server/src/validation/messages';
import { UsageError } from './cliErrors';
import { defaultStoreDir } from './cliEnvironment';
import { choosePackage } from './packageOption';

/** The port of the built-in `sandbox` stand profile (standProfile.ts: http://127.0.0.1:8089). */
const DEFAULT_PORT = 8089;

const HELP: Record<Lang, string> = {
  ru: `gis-zhkh sandbox [--port <порт>] [--host <адрес>] [--data <папка> | --memory] [--faults <сбои>]
                 [--delays <мс,мс>] [--verify-signatures] [--package <папка|zip|версия|bundled>]
  Локальный стенд, отвечающий как асинхронные сервисы ГИС ЖКХ, по всем операциям пакета форматов.
  Работает до Ctrl+C.
    --port            порт (по умолчанию ${DEFAULT_PORT}; 0 — любой свободный)
    --host            адрес (по умолчанию 127.0.0.1)
    --data            папка базы песочницы (по умолчанию $GIS_ZHKH_HOME/sandbox); --memory — только в памяти
    --delays          RequestState 1→2 и 2→3, мс (по умолчанию ${DEFAULT_DELAYS.receivedMs},${DEFAULT_DELAYS.processingMs})
    --faults          сбои, доли от 0 до 1: drop, drop-after, http500, fault, slow (slow=0.1:2000 — задержка, мс),
                      malformed, seed; с приставкой send. или state. — только для отправок или getState.
                      Пример: drop=0.2,http500=0.1,slow=0.1:2000,seed=42
    --verify-signatures  запросы на импорт должны быть подписаны верной подписью`,
  en: `gis-zhkh sandbox [--port <port>] [--host <address>] [--data <dir> | --memory] [--faults <faults>]
                 [--delays <ms,ms>] [--verify-signatures] [--package <dir|zip|version|bundled>]
  A local stand that answers like GIS ZhKKh's asynchronous services, for every operation of a format
  package. Runs until Ctrl+C.
    --port            port (default ${DEFAULT_PORT}; 0: any free one)
    --host            address (default 127.0.0.1)
    --data            the sandbox's database folder (default $GIS_ZHKH_HOME/sandbox); --memory: in memory only
    --delays          RequestState 1→2 and 2→3 in ms (default ${DEFAULT_DELAYS.receivedMs},${DEFAULT_DELAYS.processingMs})
    --faults          faults as rates from 0 to 1: drop, drop-after, http500, fault, slow (slow=0.1:2000: delay in ms),
                      malformed, seed; prefixed send. or state. for sends or getState only.
                      Example: drop=0.2,http500=0.1,slow=0.1:2000,seed=42
    --verify-signatures  import requests must carry a valid signature`,
};

/** Where the CLI's sandbox keeps its database: beside the format store ($GIS_ZHKH_HOME/sandbox). */
export function defaultSandboxDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(path.dirname(defaultStoreDir(env)), 'sandbox');
}

/** `gis-zhkh sandbox`: runs the stand until SIGINT or SIGTERM, then closes it cleanly (exit 0). */
export async function sandboxCommand(argv: string[], lang: Lang, out: (s: string) => void): Promise<number> {
  const ru = lang === 'ru';
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      memory: { type: 'boolean' },
      faults: { type: 'string' },
      delays: { type: 'string' },
      'verify-signatures': { type: 'boolean' },
      package: { type: 'string', short: 'p' },
      store: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    out(HELP[lang]);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`${ru ? 'Лишние аргументы' : 'Unexpected arguments'}: ${positionals.join(' ')}\n\n${HELP[lang]}`);
  if (values.data && values.memory) throw new UsageError(ru ? '--data и --memory вместе не указываются' : '--data and --memory exclude each other');
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: ${ru ? 'число от 0 до 65535' : 'a number from 0 to 65535'}`);
  const delays = parseDelays(values.delays, lang);
  let faults: FaultPlan | undefined;
  try {
    faults = values.faults ? parseFaultSpec(values.faults) : undefined;
  } catch (e) {
    if (e instanceof FaultSpecError) throw new UsageError(`--faults: ${ru ? 'не понято' : 'not understood'} «${e.message}»\n\n${HELP[lang]}`);
    throw e;
  }
  const dataDir = values.memory ? undefined : path.resolve(values.data ?? defaultSandboxDir());

  const registry = new PackageRegistry({ bundledRoot: bundledSchemasDir(), storeDir: values.store ?? defaultStoreDir() });
  const chosen = await choosePackage(values.package ?? 'bundled', registry, lang);
  try {
    let sandbox;
    try {
      sandbox = await startSandbox({
        port,
        host: values.host,
        dataDir,
        delays,
        faults,
        verifySignatures: values['verify-signatures'] === true,
        contents: registry.contents(chosen.pkg),
        lang,
        log: out,
      });
    } catch (e) {
      if (e instanceof SandboxLockedError) throw new UsageError(ru ? `Папка ${e.dataDir} занята другой песочницей (процесс ${e.pid})` : e.message);
      if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UsageError(ru ? `Порт ${port} занят: укажите другой (--port)` : `Port ${port} is in use: choose another (--port)`);
      throw e;
    }
    // Listening for the signals before saying how to stop, so a Ctrl+C right after the line is not lost.
    const stop = untilSignal();
    out(
      [
        `${ru ? 'Песочница ГИС ЖКХ' : 'GIS ZhKKh sandbox'}: ${sandbox.url}`,
        `${ru ? 'Пакет форматов' : 'Format package'}: ${describePackage(chosen.pkg, lang)}`,
        `${ru ? 'Данные' : 'Data'}: ${dataDir ?? (ru ? 'в памяти' : 'in memory')}`,
        `${ru ? 'Задержки' : 'Delays'}: ${delays.receivedMs} / ${delays.processingMs} ${ru ? 'мс' : 'ms'}`,
        `${ru ? 'Подпись импорта' : 'Import signatures'}: ${values['verify-signatures'] ? (ru ? 'проверяется' : 'verified') : ru ? 'не проверяется' : 'not verified'}`,
        `${ru ? 'Сбои' : 'Faults'}: ${values.faults ?? (ru ? 'нет' : 'none')}`,
        `${ru ? 'Адреса сервисов' : 'Service endpoints'}:`,
        ...sandbox.endpoints.map((e) => `  ${sandbox.url}${e.path}  ${e.service}: ${e.operations.join(', ')}`),
        ru ? 'Остановить: Ctrl+C' : 'Stop: Ctrl+C',
      ].join('\n'),
    );
    await stop;
    await sandbox.close();
    const s = sandbox.stats();
    const injected = Object.entries(s.injected).filter(([, n]) => n > 0).map(([k, n]) => `${k}=${n}`).join(', ') || '0';
    out(
      ru
        ? `Запросов ${s.requests}: принято ${s.accepted}, повторов ${s.duplicates}, обработано ${s.processed}, getState ${s.stateRequests}, отказов ${s.faults}, сбоев ${injected}`
        : `${s.requests} requests: ${s.accepted} accepted, ${s.duplicates} resends, ${s.processed} processed, ${s.stateRequests} getState, ${s.faults} faults, injected ${injected}`,
    );
    return 0;
  } finally {
    chosen.cleanup();
  }
}

function parseDelays(spec: string | undefined, lang: Lang): { receivedMs: number; processingMs: number } {
  if (spec === undefined) return { ...DEFAULT_DELAYS };
  const parts = spec.split(',').map((s) => Number(s.trim()));
  if (parts.length !== 2 || parts.some((n) => !Number.isInteger(n) || n < 0)) {
    throw new UsageError(`--delays: ${lang === 'ru' ? 'два числа миллисекунд через запятую, например 200,300' : 'two numbers of milliseconds, e.g. 200,300'}`);
  }
  return { receivedMs: parts[0], processingMs: parts[1] };
}

/** Resolves on the first SIGINT or SIGTERM (Ctrl+C, a service manager), removing both handlers. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}
