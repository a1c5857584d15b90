import type { QName } from '../xml/xmlTree';

/**
 * The shape of a format package's schemas as the editor features see it: declarations resolved
 * through references, groups and derivation, with documentation and source positions.
 */

export interface Occurs {
  min: number;
  /** `Infinity` for maxOccurs="unbounded". */
  max: number;
}

export interface SourceLocation {
  /** Path relative to the package root, '/' separated. */
  file: string;
  /** Offset of the declaration's start tag in the file's text. */
  offset: number;
}

export interface Facets {
  enumeration?: string[];
  /** Pattern alternatives of one derivation step; steps are ANDed. */
  patterns?: string[][];
  length?: number;
  minLength?: number;
  maxLength?: number;
  totalDigits?: number;
  fractionDigits?: number;
  minInclusive?: string;
  maxInclusive?: string;
  minExclusive?: string;
  maxExclusive?: string;
  whiteSpace?: string;
}

export interface SimpleTypeModel {
  kind: 'simple';
  name?: QName;
  /** The XML Schema built-in the type comes down to, e.g. `xs:string`. */
  builtin: string;
  variety: 'atomic' | 'list' | 'union';
  facets: Facets;
  /** The item type of a list. */
  item?: SimpleTypeModel;
  /** The member types of a union. */
  members?: SimpleTypeModel[];
  /** Documentation of the enumeration values that have it. */
  enumerationDocs?: ReadonlyMap<string, string>;
  doc?: string;
  location?: SourceLocation;
}

export interface AttributeUse {
  name: QName;
  use: 'required' | 'optional';
  fixed?: string;
  default?: string;
  type: SimpleTypeModel;
  doc?: string;
  location?: SourceLocation;
}

export interface ComplexTypeModel {
  kind: 'complex';
  name?: QName;
  abstract: boolean;
  mixed: boolean;
  attributes: AttributeUse[];
  anyAttribute?: { namespace: string; processContents: string };
  /** Element content: base content first, then the extension's own. */
  content?: Particle;
  /** Character content of a simple-content type. */
  text?: SimpleTypeModel;
  /** The named base type, for xsi:type and hover. */
  base?: QName;
  doc?: string;
  location?: SourceLocation;
}

export type TypeModel = SimpleTypeModel | ComplexTypeModel;

export interface IdentityConstraint {
  kind: 'key' | 'unique' | 'keyref';
  name: string;
  /** XPaths with prefixes replaced by `{namespace}`. */
  selector: string;
  fields: string[];
}

export interface ElementModel {
  name: QName;
  type: TypeModel;
  fixed?: string;
  default?: string;
  nillable: boolean;
  abstract: boolean;
  identity: IdentityConstraint[];
  doc?: string;
  location?: SourceLocation;
  /** Whether it is a global declaration (reachable by ref). */
  global: boolean;
}

export type Particle =
  | { kind: 'element'; occurs: Occurs; element: ElementModel }
  | { kind: 'sequence' | 'choice' | 'all'; occurs: Occurs; items: Particle[] }
  | { kind: 'any'; occurs: Occurs; namespace: string; processContents: string };
