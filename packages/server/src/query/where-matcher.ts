/**
 * A matcher for the LeanCloud storage query language over `_Conversation` documents
 * (protocol.md §2.6): equality (array fields contain the value), `$ne`, `$in`, `$nin`, `$all`,
 * `$exists`, `$lt/$lte/$gt/$gte` (numbers, strings, `{__type:"Date",iso}` dates), `$regex` with
 * `$options`, `$size`, `$or`, `$and`, `$nor`, and dotted paths (`attr.level`).
 *
 * Compiled once per query into a predicate, so a query over many documents parses `where` once.
 */
export type Where = Record<string, unknown>;
export type Predicate = (doc: Record<string, unknown>) => boolean;

/** A `where` the matcher cannot evaluate (unknown operator, wrong operand type). */
export class InvalidWhereError extends Error {
  override name = 'InvalidWhereError';
  readonly code = 'INVALID_WHERE';
}

export function compileWhere(where: Where): Predicate {
  const clauses: Predicate[] = [];
  for (const [key, condition] of Object.entries(where)) {
    if (key === '$or' || key === '$and' || key === '$nor') {
      if (!Array.isArray(condition) || condition.some((w) => !isPlainObject(w))) {
        throw new InvalidWhereError(`${key} needs an array of where objects`);
      }
      const parts = (condition as Where[]).map(compileWhere);
      if (key === '$or') clauses.push((doc) => parts.some((p) => p(doc)));
      else if (key === '$and') clauses.push((doc) => parts.every((p) => p(doc)));
      else clauses.push((doc) => !parts.some((p) => p(doc)));
      continue;
    }
    if (key.startsWith('$')) throw new InvalidWhereError(`unsupported top-level operator ${key}`);
    const path = key.split('.');
    const test = compileCondition(condition);
    clauses.push((doc) => test(valueAt(doc, path)));
  }
  return (doc) => clauses.every((clause) => clause(doc));
}

type ValueTest = (value: unknown) => boolean;

function compileCondition(condition: unknown): ValueTest {
  if (!isOperatorObject(condition)) return (value) => equalsOrContains(value, condition);
  const tests: ValueTest[] = [];
  const operators = condition as Record<string, unknown>;
  for (const [operator, operand] of Object.entries(operators)) {
    switch (operator) {
      case '$eq':
        tests.push((value) => equalsOrContains(value, operand));
        break;
      case '$ne':
        tests.push((value) => !equalsOrContains(value, operand));
        break;
      case '$in': {
        const options = arrayOperand(operator, operand);
        tests.push((value) => options.some((option) => equalsOrContains(value, option)));
        break;
      }
      case '$nin': {
        const options = arrayOperand(operator, operand);
        tests.push((value) => !options.some((option) => equalsOrContains(value, option)));
        break;
      }
      case '$all': {
        const required = arrayOperand(operator, operand);
        tests.push((value) => Array.isArray(value) && required.every((item) => value.some((v) => deepEqual(v, item))));
        break;
      }
      case '$exists':
        tests.push((value) => (value !== undefined) === Boolean(operand));
        break;
      case '$lt':
      case '$lte':
      case '$gt':
      case '$gte':
        tests.push(compileComparison(operator, operand));
        break;
      case '$regex':
        tests.push(compileRegex(operand, operators.$options));
        break;
      case '$options':
        if (operators.$regex === undefined) throw new InvalidWhereError('$options needs $regex');
        break;
      case '$size':
        if (typeof operand !== 'number') throw new InvalidWhereError('$size needs a number');
        tests.push((value) => Array.isArray(value) && value.length === operand);
        break;
      default:
        throw new InvalidWhereError(`unsupported operator ${operator}`);
    }
  }
  return (value) => tests.every((test) => test(value));
}

function compileComparison(operator: string, operand: unknown): ValueTest {
  const isDate = isDateObject(operand);
  const bound = isDate ? Date.parse((operand as { iso: string }).iso) : operand;
  if (typeof bound !== 'number' && typeof bound !== 'string') {
    throw new InvalidWhereError(`${operator} needs a number, a string or a Date`);
  }
  if (typeof bound === 'number' && Number.isNaN(bound)) throw new InvalidWhereError(`${operator}: invalid Date`);
  return (raw) => {
    const value = isDate ? toTime(raw) : raw;
    if (typeof value !== typeof bound || value === undefined) return false;
    const a = value as number | string;
    const b = bound;
    switch (operator) {
      case '$lt':
        return a < b;
      case '$lte':
        return a <= b;
      case '$gt':
        return a > b;
      default:
        return a >= b;
    }
  };
}

function compileRegex(pattern: unknown, options: unknown): ValueTest {
  if (typeof pattern !== 'string') throw new InvalidWhereError('$regex needs a string');
  const flags = typeof options === 'string' ? options.replace(/[^imsu]/g, '') : '';
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, flags);
  } catch {
    throw new InvalidWhereError(`$regex is not a valid regular expression: ${pattern}`);
  }
  return (value) => typeof value === 'string' && regex.test(value);
}

/** Storage semantics: a value matches itself, and an array field matches any of its items. */
function equalsOrContains(value: unknown, expected: unknown): boolean {
  if (isDateObject(expected)) return toTime(value) === Date.parse(expected.iso);
  if (deepEqual(value, expected)) return true;
  return Array.isArray(value) && value.some((item) => deepEqual(item, expected));
}

function valueAt(doc: Record<string, unknown>, path: string[]): unknown {
  let value: unknown = doc;
  for (const key of path) {
    if (!isPlainObject(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A Date object, or an ISO string (how `createdAt`/`updatedAt` are stored), as ms. */
function toTime(value: unknown): number | undefined {
  if (isDateObject(value)) return Date.parse(value.iso);
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

function isDateObject(value: unknown): value is { __type: 'Date'; iso: string } {
  return isPlainObject(value) && (value as Record<string, unknown>).__type === 'Date' &&
    typeof (value as Record<string, unknown>).iso === 'string';
}

function isOperatorObject(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value as object);
  return keys.length > 0 && keys.every((key) => key.startsWith('$'));
}

function arrayOperand(operator: string, operand: unknown): unknown[] {
  if (!Array.isArray(operand)) throw new InvalidWhereError(`${operator} needs an array`);
  return operand;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, index) => deepEqual(item, other[index]));
  }
  const aKeys = Object.keys(a);
  const bObject = b as Record<string, unknown>;
  return aKeys.length === Object.keys(bObject).length &&
    aKeys.every((key) => deepEqual((a as Record<string, unknown>)[key], bObject[key]));
}
