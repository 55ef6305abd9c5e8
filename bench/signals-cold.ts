/**
 * Run by signals.bench.ts in a fresh process: how long the first messages
 * take with and without warmUpSignals() first. Prints one JSON line.
 */
export {};

const started = performance.now();
const { readSignals, warmUpSignals } = await import('../widget/src/understanding/signals.js');
const imported = performance.now();
let warmUpMs = 0;
if (process.argv.includes('--warm')) {
  warmUpSignals('en-GB');
  warmUpMs = performance.now() - imported;
}
const firsts: number[] = [];
for (const text of ['Hi, where is my order #A12345? I ordered it on 3rd March', 'It was due yesterday and I paid £20, call 07700 900123', 'Thanks!!!']) {
  const t0 = performance.now();
  readSignals(text, [], { locale: 'en-GB' });
  firsts.push(Math.round((performance.now() - t0) * 10) / 10);
}
console.log(JSON.stringify({ import_ms: Math.round(imported - started), warm_up_ms: Math.round(warmUpMs), first_messages_ms: firsts }));
