import type { Rule, RuleCheck, RuleContext } from './rule';
import { say } from './rule';

/**
 * The payload's base:version must be one the package fixes or documents for it (a request, or the
 * getStateResult of an answer): libxml2 does not enforce `fixed` on the attribute, and GIS answers
 * a request of a wrong version with a fault.
 */
export const requestVersion: Rule = {
  code: 'gis-version',
  defaultSeverity: 'error',
  begin(ctx: RuleContext): RuleCheck {
    return {
      end(request) {
        const v = request?.version;
        const offered = ctx.versions;
        if (!v || offered.length === 0 || offered.includes(v.value)) return [];
        const what = ctx.operation ? say(ctx.lang, `операцией ${ctx.operation.name}`, `by ${ctx.operation.name}`) : request!.local;
        const best = offered[offered.length - 1];
        return [
          {
            start: v.start,
            end: v.end,
            message: say(
              ctx.lang,
              `Версия ${v.value} не поддерживается ${ctx.operation ? what : `для ${what}`} в этом пакете форматов; допустимо: ${offered.join(', ')}`,
              `Version ${v.value} is not supported ${ctx.operation ? what : `for ${what}`} in this format package; supported: ${offered.join(', ')}`,
            ),
            // The newest supported version first: the one a quick fix should suggest.
            fixes: [best, ...offered.filter((x) => x !== best)].map((version) => ({
              title: say(ctx.lang, `Указать версию ${version}`, `Set version ${version}`),
              start: v.start,
              end: v.end,
              newText: version,
            })),
          },
        ];
      },
    };
  },
};
