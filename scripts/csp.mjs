// Trunk post-build hook: puts the SHA-256 of every inline <script> of index.html into the
// Content-Security-Policy, so the policy can forbid all other inline script.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2] || 'dist';
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');
const hashes = [];
for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
  hashes.push(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
}
if (!html.includes('KEZHI_INLINE_SCRIPT_HASHES')) {
  console.error('csp.mjs: no KEZHI_INLINE_SCRIPT_HASHES placeholder in index.html');
  process.exit(1);
}
html = html.replaceAll('KEZHI_INLINE_SCRIPT_HASHES', hashes.join(' '));
writeFileSync(file, html);
console.log(`csp.mjs: ${hashes.length} inline script hash(es) written to the CSP`);
