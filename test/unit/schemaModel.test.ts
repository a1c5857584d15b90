import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { GIS_BASE_NS } from '../../server/src/catalog/namespaces';
import { PackageRegistry } from '../../server/src/catalog/packageRegistry';
import { SchemaModel } from '../../server/src/schema/schemaModel';
import type { ComplexTypeModel, Particle } from '../../server/src/schema/schemaTypes';
import { productRoot } from '../../server/src/productPaths';
import { compareElement, normalisePattern } from '../support/structureCompare';

const DM = 'http://dom.gosuslugi.ru/schema/integration/device-metering/';
const T = 'urn:t';

function schema(body: string): string {
  return `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="${T}" targetNamespace="${T}" elementFormDefault="qualified">${body}</xs:schema>`;
}

function model(body: string): SchemaModel {
  return SchemaModel.fromTexts(new Map([['t.xsd', schema(body)]]));
}

function names(p: Particle | undefined): string[] {
  if (!p) return [];
  if (p.kind === 'element') return [p.element.name.local];
  if (p.kind === 'any') return ['*'];
  return p.items.flatMap(names);
}

describe('schema model', () => {
  it('resolves the bundled package: references, extension, facets, documentation, positions', () => {
    const registry = new PackageRegistry({ bundledRoot: path.join(productRoot(), 'schemas') });
    const contents = registry.contents(registry.find('bundled')!);
    const request = contents.schema.element(DM, 'importMeteringDeviceValuesRequest');
    assert.ok(request);
    assert.ok(request.doc);
    assert.equal(request.location?.file, 'device-metering/hcs-device-metering-types.xsd');
    const type = request.type as ComplexTypeModel;
    assert.equal(type.kind, 'complex');
    // BaseType's optional signature comes first, then the request's own content.
    assert.equal(names(type.content)[0], 'Signature');
    assert.ok(names(type.content).includes('FIASHouseGuid'));
    assert.ok(type.attributes.some((a) => a.name.ns === GIS_BASE_NS && a.name.local === 'version' && a.use === 'required'));
    const guid = contents.schema.type(GIS_BASE_NS, 'GUIDType');
    assert.equal(guid?.kind, 'simple');
    assert.equal(guid?.kind === 'simple' && guid.builtin, 'xs:string');
    assert.equal(guid?.kind === 'simple' && guid.facets.patterns?.length, 1);
    assert.deepEqual(contents.schema.problems, []);
  });

  it('keeps enumeration values with their documentation and merges restriction steps', () => {
    const m = model(`
      <xs:simpleType name="Code"><xs:restriction base="xs:string"><xs:maxLength value="10"/><xs:pattern value="[0-9]+"/></xs:restriction></xs:simpleType>
      <xs:simpleType name="Kind"><xs:restriction base="t:Code"><xs:maxLength value="2"/>
        <xs:enumeration value="1"><xs:annotation><xs:documentation>один</xs:documentation></xs:annotation></xs:enumeration>
        <xs:enumeration value="2"/></xs:restriction></xs:simpleType>`);
    const kind = m.type(T, 'Kind');
    assert.equal(kind?.kind, 'simple');
    if (kind?.kind !== 'simple') return;
    assert.equal(kind.facets.maxLength, 2);
    assert.deepEqual(kind.facets.patterns, [['[0-9]+']]);
    assert.deepEqual(kind.facets.enumeration, ['1', '2']);
    assert.equal(kind.enumerationDocs?.get('1'), 'один');
  });

  it('survives recursive types and reports unresolved references instead of throwing', () => {
    const m = model(`
      <xs:complexType name="Node"><xs:sequence><xs:element name="Child" type="t:Node" minOccurs="0"/></xs:sequence></xs:complexType>
      <xs:element name="Root" type="t:Node"/>
      <xs:element name="Broken" type="t:Nowhere"/>`);
    const root = m.element(T, 'Root');
    const content = (root?.type as ComplexTypeModel).content;
    const child = content?.kind === 'sequence' ? content.items[0] : undefined;
    assert.equal(child?.kind, 'element');
    assert.equal(child?.kind === 'element' && child.element.type, root?.type);
    m.element(T, 'Broken');
    assert.deepEqual(m.problems, ['unresolved type t:Nowhere']);
  });
});

describe('structure comparison', () => {
  const reference = model(`
    <xs:element name="R"><xs:complexType><xs:sequence>
      <xs:element name="A" type="xs:string"/>
      <xs:sequence minOccurs="0"><xs:element name="B" type="xs:int" minOccurs="0"/><xs:element name="C" type="xs:int" minOccurs="0"/></xs:sequence>
      <xs:choice><xs:element name="D" type="t:G"/><xs:element name="E" type="t:G"/></xs:choice>
    </xs:sequence></xs:complexType></xs:element>
    <xs:simpleType name="G"><xs:restriction base="xs:string"><xs:pattern value="([0-9a-f]){8}"/></xs:restriction></xs:simpleType>`);

  it('treats a rewrite with groups, named types and reordered choices as the same structure', () => {
    const rewrite = model(`
      <xs:group name="Pair"><xs:sequence><xs:element name="B" type="xs:int" minOccurs="0"/><xs:element name="C" type="xs:int" minOccurs="0"/></xs:sequence></xs:group>
      <xs:complexType name="RType"><xs:sequence>
        <xs:element name="A" type="xs:string"/><xs:group ref="t:Pair"/>
        <xs:choice><xs:element name="E" type="t:Hex"/><xs:element name="D" type="t:Hex"/></xs:choice>
      </xs:sequence></xs:complexType>
      <xs:element name="R" type="t:RType"/>
      <xs:simpleType name="Hex"><xs:restriction base="xs:string"><xs:pattern value="[0-9a-f]{8}"/></xs:restriction></xs:simpleType>`);
    assert.deepEqual(compareElement(reference, rewrite, T, 'R').differences, []);
  });

  it('finds a changed occurrence, a missing branch and a changed facet', () => {
    const changed = model(`
      <xs:element name="R"><xs:complexType><xs:sequence>
        <xs:element name="A" type="xs:string" minOccurs="0"/>
        <xs:element name="B" type="xs:int" minOccurs="0"/><xs:element name="C" type="xs:int" minOccurs="0"/>
        <xs:choice><xs:element name="D" type="t:G"/><xs:element name="F" type="t:G"/></xs:choice>
      </xs:sequence></xs:complexType></xs:element>
      <xs:simpleType name="G"><xs:restriction base="xs:string"><xs:pattern value="[0-9a-f]{9}"/></xs:restriction></xs:simpleType>`);
    const d = compareElement(reference, changed, T, 'R').differences.join('\n');
    assert.match(d, /\{urn:t\}A: occurs 1\.\.1 vs 0\.\.1/);
    assert.match(d, /choice: branch \{urn:t\}E missing/);
    assert.match(d, /choice: extra branch \{urn:t\}F/);
    assert.match(d, /\{urn:t\}D: type .*\{8\}.* vs .*\{9\}/);
  });

  it('keeps an optional pair whose first member is required apart from two optional elements', () => {
    const strict = model(`<xs:element name="R"><xs:complexType><xs:sequence minOccurs="0"><xs:element name="B" type="xs:int"/><xs:element name="C" type="xs:int"/></xs:sequence></xs:complexType></xs:element>`);
    const loose = model(`<xs:element name="R"><xs:complexType><xs:sequence><xs:element name="B" type="xs:int" minOccurs="0"/><xs:element name="C" type="xs:int" minOccurs="0"/></xs:sequence></xs:complexType></xs:element>`);
    assert.notDeepEqual(compareElement(strict, loose, T, 'R').differences, []);
  });

  it('normalises only pattern spellings that accept the same strings', () => {
    assert.equal(normalisePattern('([0-9a-fA-F]){8}-(\\.)?A{0,1}'), '[0-9a-fA-F]{8}-\\.?A?');
    assert.equal(normalisePattern('(ab|c)?'), '(ab|c)?');
  });
});
