/**
 * The QR code on Mẫu 01 (issue #5): printed at the counter, the receipt carries
 * `<MOTCUA_PUBLIC_URL>/tra-cuu/<code>?token=<token>`, module for module, and that address opens the
 * public lookup. Only the token's hash is kept, so each print issues a fresh token (audited) and
 * older printouts stop working; staff who only read the dossier get the receipt without a QR code.
 */
import QRCode from 'qrcode';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/adapters/db/schema.ts';
import { QR_OPTIONS } from '../../src/adapters/pdf/pdf-renderer.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { get, intakeBody, LONG_SESSIONS, post, registerProcedure } from '../dossiers/builders.ts';
import { decodePng, pdfImages, pdfText, sampleModules } from '../documents/pdf-support.ts';

const BASE = 'https://motcua.test';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-02T02:00:00Z', config: { ...LONG_SESSIONS, publicBaseUrl: BASE } });
  await registerProcedure(t);
});
afterAll(async () => t?.close());

/** The lookup address printed under "Tra cứu hồ sơ:" (line wrapping removed), or undefined. */
function printedUrl(text: string): string | undefined {
  const at = text.indexOf('Tra cứu hồ sơ: ');
  if (at < 0) return undefined;
  const tail = text.slice(at + 'Tra cứu hồ sơ: '.length).replace(/\s+/g, '');
  return /^https:\/\/motcua\.test\/tra-cuu\/[A-Z0-9.-]+\?token=[A-Za-z0-9_-]{24}/.exec(tail)?.[0];
}

/** The QR code embedded in the PDF, read module by module. */
async function qrModules(pdf: Buffer, size: number): Promise<number[] | undefined> {
  const qr = (await pdfImages(pdf)).find((i) => i.width === i.height);
  return qr ? sampleModules(decodePng(qr.png), size, QR_OPTIONS.margin) : undefined;
}

const symbolOf = (url: string) => {
  const symbol = QRCode.create(url, { errorCorrectionLevel: QR_OPTIONS.errorCorrectionLevel });
  return { size: symbol.modules.size, bits: Array.from(symbol.modules.data, (b) => (b ? 1 : 0)) };
};

const lookupWith = (code: string, token: string) =>
  t.app.inject({ method: 'GET', url: `/api/v1/public/dossiers/${code}?token=${token}` });

describe('QR code on Mẫu 01', () => {
  it('carries the lookup address with a fresh token that opens the lookup; older tokens stop working', async () => {
    const intake = await post(t, 'demo.clerk', '/api/v1/dossiers', intakeBody());
    const { code, lookupToken } = intake.json() as { code: string; lookupToken: string };
    expect((await lookupWith(code, lookupToken)).statusCode).toBe(200);

    const res = await get(t, 'demo.clerk', `/api/v1/dossiers/${code}/forms/01.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    const url = printedUrl(await pdfText(res.rawPayload));
    expect(url, 'the lookup address is printed').toBeDefined();
    expect(url!.startsWith(`${BASE}/tra-cuu/${code}?token=`)).toBe(true);

    // The QR code is that address, module for module (and not another one).
    const symbol = symbolOf(url!);
    expect(await qrModules(res.rawPayload, symbol.size)).toEqual(symbol.bits);
    // (The token is random: change its last character to one it is not.)
    const altered = `${url!.slice(0, -1)}${url!.endsWith('x') ? 'y' : 'x'}`;
    expect(symbolOf(altered).bits).not.toEqual(symbol.bits);

    // Opening it: the page and the API answer the dossier.
    const token = new URL(url!).searchParams.get('token')!;
    const page = await t.app.inject({ method: 'GET', url: url!.slice(BASE.length) });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Hồ sơ ${code}`);
    expect((await lookupWith(code, token)).json().code).toBe(code);
    // The token intake answered no longer works; the re-issue is audited.
    expect((await lookupWith(code, lookupToken)).statusCode).toBe(404);
    const audit = await t.db.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, code), eq(auditEvents.action, 'dossier.lookup-token-reissued')));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).not.toContain(token);

    // A reprint issues another token: the first printout stops working.
    const again = await get(t, 'demo.clerk', `/api/v1/dossiers/${code}/forms/01.pdf`);
    const url2 = printedUrl(await pdfText(again.rawPayload));
    expect(url2).toBeDefined();
    expect(url2).not.toBe(url);
    expect((await lookupWith(code, token)).statusCode).toBe(404);
    expect((await lookupWith(code, new URL(url2!).searchParams.get('token')!)).statusCode).toBe(200);
  });

  it('is left off the receipt read by staff who do not receive dossiers (the token stays as it was)', async () => {
    const intake = await post(t, 'demo.clerk', '/api/v1/dossiers', intakeBody());
    const { code, lookupToken } = intake.json() as { code: string; lookupToken: string };
    const res = await get(t, 'demo.manager', `/api/v1/dossiers/${code}/forms/01.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(printedUrl(await pdfText(res.rawPayload))).toBeUndefined();
    expect((await pdfImages(res.rawPayload)).filter((i) => i.width === i.height)).toHaveLength(0);
    expect((await lookupWith(code, lookupToken)).statusCode).toBe(200);
  });
});
