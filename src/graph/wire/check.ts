/**
 * Holds a JSON value Graph (or the simulator) sent against the metadata of
 * one API version: every property declared on its type, of the declared JSON
 * type, enum values among the members, non-nullable properties present and
 * not null. Counts each check, so a test can tell it looked.
 */
import type { ProfileId } from '../profiles';
import { GRAPH_METADATA, type PropertyRule, type TypeRule } from './metadata';

export interface WireCheck {
  checks: number;
  problems: string[];
  /** Every type of the table a value was checked as. */
  typesSeen: Set<string>;
}

const ODATA_ANNOTATIONS = new Set(['@odata.type', '@odata.id', '@odata.etag']);
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const COLLECTION = /^Collection\((.+)\)$/;

export function checkWire(version: ProfileId, value: unknown, typeName: string, path = '$', into?: WireCheck): WireCheck {
  const result = into ?? { checks: 0, problems: [], typesSeen: new Set<string>() };
  checkValue(version, value, { type: typeName, nullable: false }, path, result);
  return result;
}

function checkValue(version: ProfileId, value: unknown, rule: PropertyRule, path: string, result: WireCheck): void {
  const metadata = GRAPH_METADATA[version];
  const expect = (ok: boolean, problem: string) => {
    result.checks += 1;
    if (!ok) result.problems.push(`${version} ${path}: ${problem}`);
  };
  if (value === null) {
    expect(rule.nullable, `is null, but ${rule.type} is not nullable here`);
    return;
  }
  const collection = COLLECTION.exec(rule.type);
  if (collection?.[1]) {
    expect(Array.isArray(value), `expected an array (${rule.type}), got ${JSON.stringify(value)}`);
    if (Array.isArray(value)) value.forEach((item, index) => checkValue(version, item, { type: collection[1] ?? '', nullable: false }, `${path}[${index}]`, result));
    return;
  }
  switch (rule.type) {
    case 'Edm.String':
      expect(typeof value === 'string', `expected a string, got ${JSON.stringify(value)}`);
      return;
    case 'Edm.Int32':
      expect(typeof value === 'number' && Number.isInteger(value), `expected a whole number, got ${JSON.stringify(value)}`);
      return;
    case 'Edm.Boolean':
      expect(typeof value === 'boolean', `expected true or false, got ${JSON.stringify(value)}`);
      return;
    case 'Edm.DateTimeOffset':
      expect(typeof value === 'string' && ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)), `expected an ISO 8601 date-time, got ${JSON.stringify(value)}`);
      return;
  }
  const members = metadata.enums[rule.type];
  if (members) {
    expect(typeof value === 'string' && members.includes(value), `${JSON.stringify(value)} is not a member of ${rule.type} (${members.join(', ')})`);
    return;
  }
  const isObject = typeof value === 'object' && !Array.isArray(value);
  expect(isObject, `expected an object (${rule.type}), got ${JSON.stringify(value)}`);
  if (!isObject || !metadata.types[rule.type]) return; // a type this table does not hold: only its JSON kind is checked
  checkObject(version, value as Record<string, unknown>, rule.type, path, result);
}

function checkObject(version: ProfileId, value: Record<string, unknown>, declared: string, path: string, result: WireCheck): void {
  const { types } = GRAPH_METADATA[version];
  const expect = (ok: boolean, problem: string) => {
    result.checks += 1;
    if (!ok) result.problems.push(`${version} ${path}: ${problem}`);
  };
  let typeName = declared;
  const odataType = value['@odata.type'];
  if (typeof odataType === 'string') {
    const named = odataType.replace(/^#microsoft\.graph\./, '');
    expect(types[named] !== undefined, `@odata.type ${odataType} is not a type ${version} declares`);
    if (!types[named]) return;
    expect(derivesFrom(types, named, declared), `@odata.type ${odataType} does not derive from ${declared}`);
    typeName = named;
  }
  result.typesSeen.add(typeName);
  const properties = propertiesOf(types, typeName);
  for (const [key, child] of Object.entries(value)) {
    if (key.startsWith('@')) {
      expect(ODATA_ANNOTATIONS.has(key), `${key} is not an OData annotation Graph sends`);
      if (key !== '@odata.type') expect(typeof child === 'string', `${key} must be a string`);
      continue;
    }
    const rule = properties[key];
    expect(rule !== undefined, `${key} is not declared on ${typeName}`);
    if (rule) checkValue(version, child, rule, `${path}.${key}`, result);
  }
  for (const [key, rule] of Object.entries(properties)) {
    if (!rule.nullable) expect(value[key] !== undefined && value[key] !== null, `${key} is not nullable on ${typeName}, but is missing`);
  }
}

function derivesFrom(types: Record<string, TypeRule>, name: string, ancestor: string): boolean {
  for (let current: string | undefined = name; current; current = types[current]?.baseType) {
    if (current === ancestor) return true;
  }
  return false;
}

function propertiesOf(types: Record<string, TypeRule>, name: string): Record<string, PropertyRule> {
  const chain: TypeRule[] = [];
  for (let current: string | undefined = name; current; current = types[current]?.baseType) {
    const type = types[current];
    if (type) chain.unshift(type);
  }
  return Object.assign({}, ...chain.map((type) => type.properties)) as Record<string, PropertyRule>;
}
