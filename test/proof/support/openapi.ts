/**
 * Reads the app's own OpenAPI document and turns each operation into a fast-check arbitrary of
 * HTTP requests: values that follow the schema (so requests get past validation and reach the
 * services), then mutated — hostile strings in leaves, wrong types, missing and extra fields, bodies
 * that are not JSON at all. New routes are fuzzed as soon as they are in the document.
 */
import fc from 'fast-check';
import { BAD_DATES, hostilePathSegment, hostileString, HOSTILE_STRINGS, pathSegment } from './hostile.ts';

/** A JSON Schema node as @fastify/swagger writes it (TypeBox output, OpenAPI 3.1). */
export interface SchemaNode {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  $ref?: string;
}

interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: SchemaNode;
}

interface OperationObject {
  parameters?: ParameterObject[];
  requestBody?: { content?: Record<string, { schema?: SchemaNode }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, SchemaNode> };
}

export interface Operation {
  readonly method: string;
  /** OpenAPI path template, e.g. `/api/v1/units/{code}`. */
  readonly path: string;
  readonly parameters: readonly ParameterObject[];
  readonly bodyTypes: readonly string[];
  readonly bodySchema: SchemaNode | undefined;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** Every operation of the document. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const content = op.requestBody?.content ?? {};
      ops.push({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        bodyTypes: Object.keys(content),
        bodySchema: content['application/json']?.schema,
      });
    }
  }
  return ops;
}

/** Values that get requests past "not found" into the services, keyed by property/parameter name. */
export type Hints = Readonly<Record<string, readonly unknown[]>>;

function resolve(doc: OpenApiDocument, node: SchemaNode): SchemaNode {
  if (!node.$ref) return node;
  const name = node.$ref.split('/').pop() ?? '';
  return doc.components?.schemas?.[name] ?? {};
}

function sampleForPattern(pattern: string): fc.Arbitrary<string> | undefined {
  if (pattern.includes('\\d{4}-\\d{2}-\\d{2}'))
    return fc
      .date({
        min: new Date('2020-01-01T00:00:00Z'),
        max: new Date('2027-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
  if (pattern.includes('0-9a-f') && pattern.includes('64')) return fc.stringMatching(/^[0-9a-f]{64}$/);
  if (pattern.includes('\\x21-\\x7E')) return fc.stringMatching(/^[A-Za-z0-9._-]{1,40}$/);
  try {
    return fc.stringMatching(new RegExp(pattern, 'u')).filter((s) => s.length <= 200);
  } catch {
    return undefined;
  }
}

/** An arbitrary of values that follow `node` (with some freedom), preferring hint values for known names. */
export function validArbitrary(
  doc: OpenApiDocument,
  raw: SchemaNode,
  hints: Hints,
  name = '',
  depth = 0,
): fc.Arbitrary<unknown> {
  const node = resolve(doc, raw);
  const hinted = hints[name];
  const own = schemaArbitrary(doc, node, hints, depth);
  return hinted && hinted.length > 0
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...hinted) }, { weight: 1, arbitrary: own })
    : own;
}

function schemaArbitrary(
  doc: OpenApiDocument,
  node: SchemaNode,
  hints: Hints,
  depth: number,
): fc.Arbitrary<unknown> {
  if (node.const !== undefined) return fc.constant(node.const);
  if (node.enum && node.enum.length > 0) return fc.constantFrom(...node.enum);
  const variants = node.anyOf ?? node.oneOf;
  if (variants && variants.length > 0)
    return fc.oneof(...variants.map((v) => validArbitrary(doc, v, hints, '', depth + 1)));
  if (node.allOf && node.allOf.length > 0)
    return validArbitrary(doc, node.allOf[0] as SchemaNode, hints, '', depth + 1);
  const type = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
  if (type.length > 1)
    return fc.oneof(...type.map((t) => schemaArbitrary(doc, { ...node, type: t }, hints, depth)));
  switch (type[0]) {
    case 'object': {
      if (depth > 5) return fc.constant({});
      const properties = node.properties ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, child] of Object.entries(properties))
        model[key] = validArbitrary(doc, child, hints, key, depth + 1);
      return fc.record(model, { requiredKeys: (node.required ?? []).filter((k) => k in properties) });
    }
    case 'array': {
      if (depth > 5) return fc.constant([]);
      const min = node.minItems ?? 0;
      const max = Math.min(node.maxItems ?? 3, Math.max(min, 3));
      return fc.array(node.items ? validArbitrary(doc, node.items, hints, '', depth + 1) : fc.jsonValue(), {
        minLength: min,
        maxLength: max,
      });
    }
    case 'string': {
      const fromPattern = node.pattern ? sampleForPattern(node.pattern) : undefined;
      if (fromPattern) return fromPattern;
      if (node.format === 'date') return fc.constantFrom('2025-06-30', '2026-03-02', '2024-01-01');
      if (node.format === 'date-time')
        return fc.constantFrom('2026-03-02T02:00:00Z', '2026-03-09T10:30:00+07:00');
      const minLength = node.minLength ?? 0;
      const maxLength = Math.min(node.maxLength ?? 40, 40);
      return fc.string({ unit: 'grapheme', minLength, maxLength: Math.max(minLength, maxLength) });
    }
    case 'integer':
      return fc.integer({ min: node.minimum ?? -10, max: node.maximum ?? 1_000 });
    case 'number':
      return fc.double({ min: node.minimum ?? -1e6, max: node.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value of the wrong type for anything. */
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -0, Number.MAX_SAFE_INTEGER + 2),
  fc.constant([]),
  fc.constant({}),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
  fc.constantFrom(
    '__proto__',
    { __proto__: { admin: true } },
    { constructor: { prototype: { admin: true } } },
  ),
);

type Mutation =
  | { kind: 'hostile'; at: number; value: string }
  | { kind: 'wrongType'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'extra'; at: number; key: string; value: unknown }
  | { kind: 'date'; at: number; value: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('hostile' as const), at: fc.nat(), value: hostileString }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('wrongType' as const), at: fc.nat(), value: wrongType }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('extra' as const),
      at: fc.nat(),
      key: fc.oneof(
        hostileString,
        fc.constantFrom('__proto__', 'isAdmin', 'role', 'id', 'status', 'version'),
      ),
      value: fc.oneof(hostileString, wrongType),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('date' as const),
      at: fc.nat(),
      value: fc.constantFrom(...BAD_DATES),
    }),
  },
);

type Container = Record<string, unknown> | unknown[];

/** Every (container, key) slot in a JSON value, depth first. */
function slots(value: unknown, out: { parent: Container; key: string | number }[] = []) {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push({ parent: value, key: i });
      slots(v, out);
    });
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push({ parent: value as Record<string, unknown>, key: k });
      slots(v, out);
    }
  }
  return out;
}

/** Every array and object in a JSON value (where an extra field can go). */
function containers(value: unknown, out: Container[] = []): Container[] {
  if (Array.isArray(value)) {
    out.push(value);
    value.forEach((v) => containers(v, out));
  } else if (value && typeof value === 'object') {
    out.push(value as Record<string, unknown>);
    Object.values(value).forEach((v) => containers(v, out));
  }
  return out;
}

/**
 * Applies mutations to a deep copy of `value`. Inserted values are copied too: fast-check hands out
 * the same instance of a constant to several mutations, and inserting one object twice (then into
 * itself) made a circular value that is not JSON.
 */
export function mutate(value: unknown, mutations: readonly Mutation[]): unknown {
  let root: unknown = structuredClone(value);
  for (const original of mutations) {
    const m = 'value' in original ? { ...original, value: structuredClone(original.value) } : original;
    const all = slots(root);
    if (m.kind === 'extra') {
      const targets = containers(root).filter((c) => !Array.isArray(c));
      const target = targets[m.at % Math.max(1, targets.length)];
      if (target && !Array.isArray(target))
        Object.defineProperty(target, m.key, {
          value: m.value,
          enumerable: true,
          configurable: true,
          writable: true,
        });
      continue;
    }
    if (all.length === 0) {
      if (m.kind !== 'delete') root = m.value;
      continue;
    }
    const slot = all[m.at % all.length];
    if (!slot) continue;
    const { parent, key } = slot;
    if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key as string];
    } else if (Array.isArray(parent)) parent[key as number] = m.value;
    else parent[key as string] = m.value;
  }
  return root;
}

/** One generated request. */
export interface FuzzRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  /** A string or bytes; undefined for no body. */
  readonly payload: string | Buffer | undefined;
  /** What the body is, for reports. */
  readonly bodyKind: string;
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=windows-1258',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/pdf',
  'application/octet-stream',
  'image/png',
];

/** Bodies that are not the JSON the route expects. */
const rawBody: fc.Arbitrary<{ payload: string | Buffer; contentType: string; kind: string }> = fc.oneof(
  fc.record({
    payload: fc.constantFrom('{', '{"a":', '[', 'null', '"x"', '1', '{"__proto__":{"x":1}}', ''),
    contentType: fc.constant('application/json'),
    kind: fc.constant('broken-json'),
  }),
  fc.record({
    payload: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
    contentType: fc.constantFrom(...CONTENT_TYPES),
    kind: fc.constant('random-bytes'),
  }),
  fc.record({
    payload: fc.constantFrom(
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xa0, 0xa1, 0x22, 0x7d]), // invalid UTF-8 in a JSON string
      Buffer.from('{"fullName":"Nguy\u00d4n V\u00a8n A"}', 'latin1'), // TCVN3 bytes
      Buffer.from('<html><script>alert(1)</script></html>'),
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'),
      Buffer.from('%PDF-1.4\n<script>x</script>'),
      Buffer.from(
        '--xyz\r\nContent-Disposition: form-data; name="file"; filename="../../evil.pdf"\r\n\r\n<html>\r\n--xyz--\r\n',
      ),
    ),
    contentType: fc.constantFrom(...CONTENT_TYPES),
    kind: fc.constant('crafted-bytes'),
  }),
  fc.record({
    payload: fc.constantFrom(1_100_000, 2_500_000).map((n) => `{"x":"${'a'.repeat(n)}"}`),
    contentType: fc.constant('application/json'),
    kind: fc.constant('huge'),
  }),
);

function fillPath(template: string, values: Record<string, string>): string {
  return template.replaceAll(/\{([^}]+)\}/g, (_m, name: string) => values[name] ?? 'x');
}

/** The request arbitrary for one operation. */
export function requestArbitrary(
  doc: OpenApiDocument,
  op: Operation,
  hints: Hints,
): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const headerParams = op.parameters.filter((p) => p.in === 'header');

  const pathArb = fc.record(
    Object.fromEntries(
      pathParams.map((p) => [
        p.name,
        fc
          .tuple(
            fc.oneof(
              {
                weight: 2,
                arbitrary: validArbitrary(doc, p.schema ?? { type: 'string' }, hints, p.name).map(String),
              },
              { weight: 3, arbitrary: hostilePathSegment },
            ),
            fc.boolean(),
          )
          .map(([raw, encode]) => pathSegment(raw, encode) || '%20'),
      ]),
    ),
  ) as fc.Arbitrary<Record<string, string>>;

  const queryArb = fc.tuple(
    fc.record(
      Object.fromEntries(
        queryParams.map((p) => [
          p.name,
          fc.oneof(
            {
              weight: 2,
              arbitrary: validArbitrary(doc, p.schema ?? { type: 'string' }, hints, p.name).map((v) =>
                typeof v === 'object' ? JSON.stringify(v) : String(v),
              ),
            },
            { weight: 2, arbitrary: hostileString.filter((s) => s.length < 5_000) },
            { weight: 1, arbitrary: fc.constantFrom(...BAD_DATES) },
          ),
        ]),
      ),
      { requiredKeys: [] },
    ) as fc.Arbitrary<Record<string, string>>,
    fc.option(
      fc.tuple(
        hostileString.filter((s) => s.length < 200),
        hostileString.filter((s) => s.length < 200),
      ),
      { freq: 4 },
    ),
    fc.boolean(),
  );

  const body: fc.Arbitrary<{
    payload: string | Buffer | undefined;
    contentType: string | undefined;
    kind: string;
  }> =
    op.bodySchema !== undefined
      ? fc.oneof(
          {
            weight: 2,
            arbitrary: validArbitrary(doc, op.bodySchema, hints).map((v) => ({
              payload: JSON.stringify(v),
              contentType: 'application/json',
              kind: 'valid',
            })),
          },
          {
            weight: 6,
            arbitrary: fc
              .tuple(
                validArbitrary(doc, op.bodySchema, hints),
                fc.array(mutation, { minLength: 1, maxLength: 3 }),
              )
              .map(([v, ms]) => ({
                payload: JSON.stringify(mutate(v, ms)) ?? 'null',
                contentType: 'application/json',
                kind: `mutated:${ms.map((m) => m.kind).join('+')}`,
              })),
          },
          {
            weight: 1,
            arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => ({
              payload: JSON.stringify(v) ?? 'null',
              contentType: 'application/json',
              kind: 'random-json',
            })),
          },
          { weight: 2, arbitrary: rawBody },
        )
      : op.method === 'GET' || op.method === 'DELETE'
        ? fc.constant({ payload: undefined, contentType: undefined, kind: 'none' })
        : fc.oneof(
            {
              weight: 1,
              arbitrary: fc.constant({ payload: undefined, contentType: undefined, kind: 'none' }),
            },
            { weight: 3, arbitrary: rawBody },
          );

  const headersArb = fc.record(
    {
      idem: fc.option(
        fc.oneof(
          fc.stringMatching(/^[A-Za-z0-9-]{1,40}$/),
          fc.constantFrom('', ' ', 'x'.repeat(300), 'ключ', 'a b'),
        ),
        { freq: 2 },
      ),
      lang: fc.constantFrom('vi', 'en', 'en-GB,en;q=0.9', 'fr', '*', ';;;q=x'),
    },
    { requiredKeys: ['lang'] },
  );

  return fc
    .tuple(pathArb, queryArb, body, headersArb)
    .map(([pathValues, [query, extra, encodeQuery], b, h]) => {
      const search = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) search.append(k, v);
      if (extra) search.append(extra[0], extra[1]);
      let qs = search.toString();
      if (!encodeQuery && qs) qs = qs.replaceAll('%2F', '/').replaceAll('%27', "'");
      const headers: Record<string, string> = { 'accept-language': h.lang };
      if (b.contentType) headers['content-type'] = b.contentType;
      if (h.idem !== undefined && h.idem !== null && headerParams.some((p) => p.name === 'idempotency-key'))
        headers['idempotency-key'] = /^[\x20-\x7e]*$/.test(h.idem) ? h.idem : encodeURIComponent(h.idem);
      return {
        method: op.method,
        url: `${fillPath(op.path, pathValues)}${qs ? `?${qs}` : ''}`,
        headers,
        payload: b.payload,
        bodyKind: b.kind,
      };
    });
}

/** A few fixed hostile strings to always try (fast-check `examples` are per property; these are plain values). */
export const ALWAYS_TRY: readonly string[] = HOSTILE_STRINGS.slice(0, 40);
