/**
 * RFC 7807 problem details with a stable `code` and a message in the caller's language.
 */
import { ERROR_CATALOG, type ErrorCode, type InvalidParam } from '../../kernel/errors.ts';
import type { Lang } from './i18n.ts';

export interface Problem {
  type: string;
  code: ErrorCode;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  invalidParams?: InvalidParam[];
  [extra: string]: unknown;
}

export function problemTypeUri(code: ErrorCode): string {
  return `urn:motcua:error:${code.toLowerCase().replaceAll('_', '-')}`;
}

export function makeProblem(
  code: ErrorCode,
  lang: Lang,
  options: {
    detail?: string | undefined;
    instance?: string | undefined;
    invalidParams?: readonly InvalidParam[] | undefined;
    extra?: Record<string, unknown> | undefined;
  } = {},
): Problem {
  const spec = ERROR_CATALOG[code];
  const problem: Problem = { type: problemTypeUri(code), code, title: spec[lang], status: spec.status };
  if (options.detail) problem.detail = options.detail;
  if (options.instance) problem.instance = options.instance;
  if (options.invalidParams && options.invalidParams.length > 0)
    problem.invalidParams = [...options.invalidParams];
  if (options.extra) Object.assign(problem, options.extra);
  return problem;
}
