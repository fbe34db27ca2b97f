/**
 * The portal's pure rules: the public view is a whitelist (nothing personal in any state), and the
 * rating rules (returned only; comment NFC, cleaned, at most 1000 characters).
 */
import { describe, expect, it } from 'vitest';
import { DOSSIER_STATUSES } from '../../src/modules/dossiers/domain/types.ts';
import {
  MAX_COMMENT_LENGTH,
  mayRate,
  normaliseComment,
  publicView,
} from '../../src/modules/portal/domain.ts';
import { PERSON, pureDossierIn } from '../dossiers/builders.ts';

const PERSONAL = [PERSON.fullName, PERSON.phone, PERSON.address, PERSON.email ?? '', '064095000123'];

describe('public view', () => {
  it.each(DOSSIER_STATUSES)('carries no personal data of the applicant or staff names (%s)', (status) => {
    const d = pureDossierIn(status);
    const events = [{ type: 'dossier.received', at: new Date('2026-03-02T02:00:00Z') }];
    const json = JSON.stringify(publicView(d, events, { postal: [], rated: false }));
    for (const p of PERSONAL) expect(json).not.toContain(p);
    for (const name of ['Nguyễn Thị Tiếp Nhận', 'Trần Văn Thẩm Định']) expect(json).not.toContain(name);
  });

  it('leaves out events it has no plain words for, and offers the rating only when returned and not rated', () => {
    const at = new Date('2026-03-02T02:00:00Z');
    const returned = pureDossierIn('returned');
    const view = publicView(returned, [{ type: 'dossier.something-internal', at }], {
      postal: [],
      rated: false,
    });
    expect(view.timeline).toEqual([]);
    expect(view.rating).toEqual({ open: true, given: false });
    expect(publicView(returned, [], { postal: [], rated: true }).rating).toEqual({
      open: false,
      given: true,
    });
    expect(publicView(pureDossierIn('result_ready'), [], { postal: [], rated: false }).rating.open).toBe(
      false,
    );
  });
});

describe('rating rules', () => {
  it('allows a rating only once the result is returned', () => {
    for (const status of DOSSIER_STATUSES) {
      const r = mayRate(status);
      expect(r.ok, status).toBe(status === 'returned');
      if (!r.ok) expect(r.error.code).toBe('RATING_NOT_YET');
    }
  });

  it('stores the comment in NFC without control or bidi characters, empty as null', () => {
    const r = normaliseComment(`  Rất tốt\u0007\u202E\r\n${'Cảm ơn'.normalize('NFD')}  `);
    expect(r).toEqual({ ok: true, value: 'Rất tốt\nCảm ơn'.normalize('NFC') });
    expect(normaliseComment('   ')).toEqual({ ok: true, value: null });
    expect(normaliseComment(undefined)).toEqual({ ok: true, value: null });
  });

  it('counts characters, not UTF-16 units or bytes: 1000 is allowed, 1001 is not', () => {
    const ok = normaliseComment('ệ'.repeat(MAX_COMMENT_LENGTH));
    expect(ok.ok).toBe(true);
    const tooLong = normaliseComment('😀'.repeat(MAX_COMMENT_LENGTH + 1));
    expect(tooLong.ok).toBe(false);
    if (!tooLong.ok) expect(tooLong.error.code).toBe('VALIDATION_FAILED');
  });
});
