/**
 * The citizen pages' (identification and online submission) way to pick the text of the page
 * language. Their form fields are src/views/form-components.ts.
 */
import type { Lang } from '../../../adapters/http/i18n.ts';

export const L = (lang: Lang, vi: string, en: string): string => (lang === 'vi' ? vi : en);
