import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CsvError, parseCsv, readLabeledCsv } from '../src/csv.js';

test('parses quoted fields with commas, doubled quotes, CRLF and newlines inside quotes', () => {
  const rows = parseCsv('text,label\r\n"hi, there",greeting\r\n"she said ""hello""\nthen left",oos\r\n');
  assert.deepEqual(rows, [
    ['text', 'label'],
    ['hi, there', 'greeting'],
    ['she said "hello"\nthen left', 'oos'],
  ]);
});

test('reads the named columns in any order and ignores a BOM', () => {
  const rows = readLabeledCsv('\ufeffid,label,text\n1,thanks,cheers\n', 'text', 'label');
  assert.deepEqual(rows, [{ text: 'cheers', label: 'thanks' }]);
});

test('an unknown column is one line naming the column and the ones that exist', () => {
  assert.throws(() => readLabeledCsv('message,intent\nhi,greeting\n', 'text', 'intent', 'x.csv'), (err: Error) => {
    assert.ok(err instanceof CsvError);
    assert.match(err.message, /unknown text column "text" \(columns: "message", "intent"\)/);
    assert.doesNotMatch(err.message, /\n/);
    return true;
  });
});

test('a ragged row, an empty label and an unclosed quote name the row', () => {
  assert.throws(() => readLabeledCsv('text,label\nok,a\nbad,b,c\n', 'text', 'label'), /row 3 has 3 fields, header has 2/);
  assert.throws(() => readLabeledCsv('text,label\nok,a\nno label,\n', 'text', 'label'), /row 3 has an empty "label"/);
  assert.throws(() => parseCsv('text,label\n"never closed,a\nnext,b\n'), /row 2 \(line 2\): quoted field is never closed/);
  assert.throws(() => parseCsv('text,label\nab"c,a\n'), /row 2 \(line 2\): stray quote/);
  assert.throws(() => parseCsv('a,b\n\u0000\u0001,x\n'), /NUL bytes/);
});
