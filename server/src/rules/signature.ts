import { isImport } from '../catalog/operationCatalog';
import type { Rule, RuleCheck, RuleContext } from './rule';
import { say } from './rule';

const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

/** GIS rejects an import that is not signed; a reminder while the request is a draft. */
export const unsignedImport: Rule = {
  code: 'gis-unsigned-import',
  defaultSeverity: 'information',
  begin(ctx: RuleContext): RuleCheck {
    return {
      end(r) {
        if (!ctx.operation || !r || !isImport(ctx.operation.name)) return [];
        if (r.firstChild?.ns === DSIG_NS && r.firstChild.local === 'Signature') return [];
        return [
          {
            start: r.nameStart,
            end: r.nameEnd,
            message: say(ctx.lang, `Запрос ${ctx.operation.name} не подписан: ГИС примет его только с подписью ds:Signature`, `${ctx.operation.name} is not signed: GIS accepts it only with a ds:Signature`),
          },
        ];
      },
    };
  },
};
