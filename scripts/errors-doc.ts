/** Regenerates the table in docs/errors.md from src/kernel/errors.ts (`npx tsx scripts/errors-doc.ts`). */
import { readFileSync, writeFileSync } from 'node:fs';
import { ERROR_CATALOG } from '../src/kernel/errors.ts';

const path = new URL('../docs/errors.md', import.meta.url);
const doc = readFileSync(path, 'utf8');
const begin = '<!-- errors:begin -->';
const end = '<!-- errors:end -->';
const rows = Object.entries(ERROR_CATALOG).map(
  ([code, spec]) => `| \`${code}\` | ${spec.status} | ${spec.vi} | ${spec.en} |`,
);
const table = ['| Code | HTTP | Tiếng Việt | English |', '| --- | --- | --- | --- |', ...rows].join('\n');
const start = doc.indexOf(begin);
const stop = doc.indexOf(end);
if (start < 0 || stop < 0) throw new Error('docs/errors.md lacks the errors:begin/end markers');
writeFileSync(path, `${doc.slice(0, start + begin.length)}\n${table}\n${doc.slice(stop)}`);
