import * as assert from 'node:assert/strict';
import { renderSchemaProblem } from '../../server/src/validation/messages';
import { parseSchemaMessage } from '../../server/src/validation/schemaProblem';

const HM = 'http://dom.gosuslugi.ru/schema/integration/house-management/';
const ctx = {
  lang: 'ru' as const,
  label: (n: { local: string }) => (n.local === 'FIASHouseGuid' ? 'глобальный уникальный идентификатор дома по ФИАС' : undefined),
  display: (n: { local: string }) => `hm:${n.local}`,
};

describe('libxml2 messages', () => {
  it('reads "not expected" with the expected list', () => {
    const p = parseSchemaMessage(`Element '{${HM}}UnexpectedField': This element is not expected. Expected is one of ( {${HM}}FIASHouseGuid, {http://www.w3.org/2000/09/xmldsig#}Signature ).`);
    assert.equal(p.kind, 'not-expected');
    assert.equal(
      renderSchemaProblem(p, ctx),
      'UnexpectedField: элемент здесь не допускается. Ожидается один из: hm:FIASHouseGuid, hm:Signature',
    );
  });

  it('reads facet errors and names the GUID format', () => {
    const p = parseSchemaMessage(
      `Element '{${HM}}FIASHouseGuid': [facet 'pattern'] The value 'x' is not accepted by the pattern '([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}'.`,
    );
    assert.equal(renderSchemaProblem(p, ctx), "FIASHouseGuid (глобальный уникальный идентификатор дома по ФИАС): значение 'x' не соответствует формату GUID");
    assert.equal(renderSchemaProblem(p, { ...ctx, lang: 'en' }), "FIASHouseGuid (глобальный уникальный идентификатор дома по ФИАС): value 'x' does not match the GUID format");
  });

  it('reads every facet, type, attribute and identity message it knows', () => {
    const cases: [string, string][] = [
      ["[facet 'length'] The value has a length of '0'; this differs from the allowed length of '18'.", 'facet'],
      ["[facet 'enumeration'] The value 'X' is not an element of the set {'NSI', 'NSIRAO'}.", 'facet'],
      ["[facet 'minInclusive'] The value '-1' is less than the minimum value allowed ('0').", 'facet'],
      ["[facet 'totalDigits'] The value '1234567' has more digits than are allowed ('5').", 'facet'],
      ["[facet 'fractionDigits'] The value '1.234' has more fractional digits than are allowed ('2').", 'facet'],
      ["'да' is not a valid value of the atomic type 'xs:boolean'.", 'type'],
      ["'' is not a valid value of the local atomic type.", 'type'],
      ["The attribute '{http://dom.gosuslugi.ru/schema/integration/base/}version' is required but missing.", 'attribute-missing'],
      ['Character content other than whitespace is not allowed because the content type is \'element-only\'.', 'text-not-allowed'],
      ['Element content is not allowed, because the content type is a simple type definition.', 'children-not-allowed'],
      ['No matching global declaration available for the validation root.', 'no-declaration'],
      ["Duplicate key-sequence ['a'] in key identity-constraint '{urn:x}k'.", 'duplicate-key'],
      ["Not all fields of key identity-constraint '{urn:x}k' evaluate to a node.", 'key-field-missing'],
      ["No match found for key-sequence ['a'] of keyref '{urn:x}r'.", 'keyref-not-found'],
      ['Warning: No precomputed value available, the value was either invalid or something strange happened.', 'noise'],
      ['Something libxml2 may say one day.', 'other'],
    ];
    for (const [body, kind] of cases) {
      const p = parseSchemaMessage(`Element '{${HM}}X': ${body}`);
      assert.equal(p.kind, kind, body);
      if (kind !== 'noise') assert.match(renderSchemaProblem(p, ctx), /^(hm:)?X\b/, body);
    }
    const attr = parseSchemaMessage(`Element '{${HM}}X', attribute 'code': The attribute 'code' is not allowed.`);
    assert.equal(renderSchemaProblem(attr, ctx), 'X: атрибут hm:code здесь не допускается');
  });

  it('keeps a message it cannot read whole', () => {
    const p = parseSchemaMessage('Some global error without an element');
    assert.deepEqual(p, { kind: 'other', text: 'Some global error without an element' });
  });
});
