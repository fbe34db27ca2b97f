/** Language of a request: `?lang=`, then the `lang` cookie, then Accept-Language; Vietnamese first. */
export type Lang = 'vi' | 'en';

export function pickLanguage(
  query: unknown,
  cookie: string | undefined,
  acceptLanguage: string | undefined,
): Lang {
  const q = (query as { lang?: unknown } | undefined)?.lang;
  if (q === 'vi' || q === 'en') return q;
  if (cookie === 'vi' || cookie === 'en') return cookie;
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .map((part) => {
        const [tag = '', ...params] = part.trim().split(';');
        const qv = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
        return { tag: tag.toLowerCase(), q: qv ? Number(qv.slice(2)) || 0 : 1 };
      })
      .sort((a, b) => b.q - a.q);
    for (const { tag } of ranked) {
      if (tag.startsWith('vi')) return 'vi';
      if (tag.startsWith('en')) return 'en';
    }
  }
  return 'vi';
}
