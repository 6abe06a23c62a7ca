// The README opens (right after its two commands) with a picture of the widget that is not older than
// the element's markup it shows: the hash recorded when the picture was taken (npm run picture) must
// be the hash of today's sources (tests/js/picture.mjs).
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { test } from 'node:test';

import { EPOCHS, MAX_BYTES, PAGE, PICTURE, RECORD, markupHash } from './picture.mjs';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

test('the README shows the picture right after its two commands', () => {
  const [, afterCommands] = readme.split(/^```\n/m);
  const next = afterCommands.trimStart().split('\n')[0];
  assert.match(next, /^!\[[^\]]{20,}\]\(web\/demo\/screenshot\.webp\)$/, 'an image with a real description, first thing after the commands');
});

test('the picture is a WebP of at most 150 KB', () => {
  const bytes = readFileSync(PICTURE);
  assert.deepEqual([bytes.subarray(0, 4).toString('latin1'), bytes.subarray(8, 12).toString('latin1')], ['RIFF', 'WEBP']);
  assert.ok(statSync(PICTURE).size <= MAX_BYTES, `${statSync(PICTURE).size} bytes`);
});

test('the picture is not older than the markup and drawing code it shows (else: npm run picture)', () => {
  const record = JSON.parse(readFileSync(RECORD, 'utf8'));
  assert.equal(record.page, PAGE);
  assert.equal(record.epochs, EPOCHS);
  assert.equal(record.bytes, statSync(PICTURE).size, 'the record belongs to this picture');
  assert.equal(record.sources, markupHash(), 'the widget changed since the picture was taken: run `npm run picture` and commit it');
});
