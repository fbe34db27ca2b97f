/**
 * A small `multipart/form-data` body parser for the courier's delivery form (a photo of the signed
 * slip from the phone's camera, without JavaScript).
 *
 * Why not @fastify/multipart: it parses the body in a `preValidation` hook of the route's context,
 * which runs after the edge's global `preValidation` CSRF check; the `_csrf` field would not be
 * there yet. A content-type parser runs before every hook, so the edge sees the token like for any
 * other form. Registered only inside the postal plugin, with its own body limit.
 */

export interface FilePart {
  readonly filename: string;
  readonly contentType: string;
  readonly data: Buffer;
}

export type FieldValue = string | string[] | FilePart;

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** The boundary of a `multipart/form-data; boundary=…` content type, or undefined. */
export function boundaryOf(contentType: string): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

function headerParam(header: string, name: string): string | undefined {
  const m = new RegExp(`${name}="([^"]*)"`, 'i').exec(header);
  return m?.[1];
}

/**
 * Parses the parts: text fields as strings (repeated names as arrays), files as FilePart (empty
 * file inputs are dropped). Throws on a body that is not well-formed multipart.
 */
export function parseMultipart(body: Buffer, boundary: string): Record<string, FieldValue> {
  const delimiter = Buffer.from(`--${boundary}`);
  const out: Record<string, FieldValue> = {};
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new Error('multipart: no boundary');
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') break; // closing delimiter
    if (!body.subarray(pos, pos + 2).equals(CRLF)) throw new Error('multipart: malformed delimiter');
    pos += 2;
    const headerEnd = body.indexOf(HEADER_END, pos);
    if (headerEnd < 0) throw new Error('multipart: no header end');
    const headers = body.subarray(pos, headerEnd).toString('utf8');
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), headerEnd + 4);
    if (next < 0) throw new Error('multipart: unterminated part');
    const data = body.subarray(headerEnd + 4, next);
    const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = headerParam(disposition, 'name');
    const filename = headerParam(disposition, 'filename');
    if (name !== undefined) {
      if (filename !== undefined) {
        if (data.length > 0) {
          const contentType =
            /content-type:\s*([^\r\n;]*)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
          out[name] = { filename, contentType, data: Buffer.from(data) };
        }
      } else {
        const value = data.toString('utf8');
        const existing = out[name];
        if (existing === undefined) out[name] = value;
        else if (Array.isArray(existing)) existing.push(value);
        else if (typeof existing === 'string') out[name] = [existing, value];
      }
    }
    pos = next + 2;
  }
  return out;
}
