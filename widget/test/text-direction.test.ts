import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { textDirection } from '../src/element/widget-config.js';

describe('textDirection', () => {
  it('is rtl for Arabic, Hebrew, Persian and Urdu locales and ltr otherwise', () => {
    for (const l of ['ar', 'ar-EG', 'he-IL', 'fa', 'ur_PK']) assert.equal(textDirection(l), 'rtl', l);
    for (const l of ['en', 'en-GB', 'fr', 'zh-Hant', '', 'arn']) assert.equal(textDirection(l), 'ltr', l);
  });
});
