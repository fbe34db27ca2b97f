import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nextVersionNumber, publishVersion, retireVersion, versionInForce } from './versions.ts';
import { sampleVersion } from './testkit.ts';
import type { ProcedureVersion } from './procedure.ts';
import { addDays } from './local-date.ts';

const v1 = sampleVersion({ version: 1, validFrom: '2023-01-01' });
const draft2 = sampleVersion({
  version: 2,
  status: 'draft',
  validFrom: null,
  name: 'Đăng ký khai sinh (sửa đổi)',
});

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

describe('publishVersion', () => {
  it('publishes a draft and closes the previous version the day before', () => {
    const out = unwrap(publishVersion([v1, draft2], 2, { validFrom: '2025-07-01' }));
    const [first, second] = out.versions;
    expect(first).toMatchObject({ version: 1, status: 'published', validTo: '2025-06-30' });
    expect(second).toMatchObject({ version: 2, status: 'published', validFrom: '2025-07-01', validTo: null });
    expect(out.changes.map((c) => c.after.version)).toEqual([1, 2]);
    expect(out.changes[0]?.before.validTo).toBeNull();
  });

  it('refuses to publish over an existing window (back-dating)', () => {
    const r = publishVersion([v1, draft2], 2, { validFrom: '2023-01-01' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'VALIDITY_OVERLAP', conflictingVersion: 1 });
    const earlier = publishVersion([v1, draft2], 2, { validFrom: '2022-06-01' });
    expect(earlier.ok).toBe(false);
  });

  it('refuses non-drafts, missing versions, missing start dates and invalid drafts', () => {
    expect(publishVersion([v1], 1, { validFrom: '2025-01-01' })).toMatchObject({
      ok: false,
      error: { code: 'VERSION_NOT_DRAFT' },
    });
    expect(publishVersion([v1], 9)).toMatchObject({ ok: false, error: { code: 'VERSION_NOT_FOUND' } });
    expect(publishVersion([v1, draft2], 2)).toMatchObject({
      ok: false,
      error: { code: 'VALID_FROM_REQUIRED' },
    });
    const broken = { ...draft2, steps: [{ name: 'A', sharePercent: 10 }] };
    const r = publishVersion([v1, broken], 2, { validFrom: '2025-07-01' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VERSION_INVALID' } });
    if (!r.ok) expect(r.error.problems?.[0]?.code).toBe('STEP_SHARES_NOT_100');
    const other = { ...draft2, code: '2.000635' };
    expect(publishVersion([v1, other], 2, { validFrom: '2025-07-01' })).toMatchObject({
      ok: false,
      error: { code: 'CODE_MISMATCH' },
    });
  });

  it('does not reopen or shorten a retired window', () => {
    const retired = sampleVersion({
      version: 1,
      status: 'retired',
      validFrom: '2023-01-01',
      validTo: '2024-12-31',
    });
    const ok = unwrap(publishVersion([retired, draft2], 2, { validFrom: '2025-01-01' }));
    expect(ok.versions[0]).toEqual(retired);
    expect(publishVersion([retired, draft2], 2, { validFrom: '2024-12-31' }).ok).toBe(false);
  });

  it('keeps windows disjoint over any sequence of publications', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 2000 }), { minLength: 1, maxLength: 8 }), (offsets) => {
        let history: ProcedureVersion[] = [];
        for (const [i, offset] of offsets.entries()) {
          const draft = sampleVersion({ version: i + 1, status: 'draft', validFrom: null });
          const r = publishVersion([...history, draft], i + 1, { validFrom: addDays('2020-01-01', offset) });
          history = r.ok ? [...r.value.versions] : history;
        }
        const windows = history
          .filter((v) => v.status !== 'draft')
          .map((v) => [v.validFrom ?? '', v.validTo ?? '9999-12-31'] as const)
          .sort();
        for (let i = 1; i < windows.length; i++) {
          expect((windows[i - 1]?.[1] ?? '') < (windows[i]?.[0] ?? '')).toBe(true);
        }
      }),
    );
  });
});

describe('retireVersion and versionInForce', () => {
  const published = unwrap(publishVersion([v1, draft2], 2, { validFrom: '2025-07-01' })).versions;

  it('finds the version in force on a date, including retired ones', () => {
    expect(versionInForce(published, '2022-12-31')).toBeUndefined();
    expect(versionInForce(published, '2023-01-01')?.version).toBe(1);
    expect(versionInForce(published, '2025-06-30')?.version).toBe(1);
    expect(versionInForce(published, '2025-07-01')?.version).toBe(2);
    const retired = unwrap(retireVersion(published, 2, '2026-12-31')).versions;
    expect(retired[1]).toMatchObject({ status: 'retired', validTo: '2026-12-31' });
    expect(versionInForce(retired, '2026-12-31')?.version).toBe(2);
    expect(versionInForce(retired, '2027-01-01')).toBeUndefined();
  });

  it('refuses to retire outside the window or a non-published version', () => {
    expect(retireVersion(published, 2, '2025-06-30')).toMatchObject({
      ok: false,
      error: { code: 'RETIRE_DATE_INVALID' },
    });
    expect(retireVersion(published, 1, '2025-07-15')).toMatchObject({
      ok: false,
      error: { code: 'RETIRE_DATE_INVALID' },
    });
    expect(retireVersion([draft2], 2, '2025-07-15')).toMatchObject({
      ok: false,
      error: { code: 'VERSION_NOT_PUBLISHED' },
    });
  });

  it('numbers the next version', () => {
    expect(nextVersionNumber([])).toBe(1);
    expect(nextVersionNumber(published)).toBe(3);
  });
});
