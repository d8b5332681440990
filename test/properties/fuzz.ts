/**
 * `npm run fuzz [-- total]`: runs the properties of props.ts for many cases (default one
 * million per property) in batches with fresh seeds, printing progress and the seed of any
 * failure so that it can be replayed with FUZZ_SEED.
 */
import fc from 'fast-check';
import { normalizeArabic, normalizeByRuns } from '../../server/src/core/arabic';
import { anyText, checkEntry, checkFixes, checkNormalizedKeys, checkStructure, checkUtf8, mutatedArticle, utf8Bytes } from './props';

const total = Number(process.argv[2]) || 1_000_000;
const batch = 20_000;
const properties: [string, fc.IProperty<[unknown]>][] = [
  ['arbitrary strings: valid tree', fc.property(anyText, (t) => checkStructure(t))],
  ['mutated articles: valid tree, symbols and folds', fc.property(mutatedArticle, (t) => checkStructure(t))],
  ['mutated articles: fixes clean and idempotent', fc.property(mutatedArticle, (t) => checkFixes(t))],
  ['mutated articles: entry split with evidence = parse with evidence', fc.property(fc.tuple(mutatedArticle, fc.nat()), ([t, s]) => checkEntry(t, s)) as fc.IProperty<[unknown]>],
  ['any text: normalisation idempotent, keys of normalised forms the same', fc.property(fc.oneof(anyText, mutatedArticle), (t) => checkNormalizedKeys(t)) as fc.IProperty<[unknown]>],
  ['any bytes: UTF-8 decoding loop = TextDecoder (fatal)', fc.property(utf8Bytes, (b) => checkUtf8(b)) as fc.IProperty<[unknown]>],
  [
    'any text: normalizeArabic through the buffer = by runs',
    fc.property(fc.oneof(anyText, mutatedArticle), (t) => {
      if (normalizeArabic(t) !== normalizeByRuns(t)) throw new Error('the two normalisations differ');
    }) as fc.IProperty<[unknown]>,
  ],
];

const started = Date.now();
let failed = false;
for (const [name, property] of properties) {
  let done = 0;
  while (done < total) {
    const seed = (Date.now() ^ (done * 2654435761)) >>> 0;
    const runs = Math.min(batch, total - done);
    const result = fc.check(property, { numRuns: runs, seed });
    if (result.failed) {
      failed = true;
      console.error(`FAILED ${name} after ${done + result.numRuns} cases (seed ${seed}, path ${result.counterexamplePath}):`);
      console.error(JSON.stringify(result.counterexample));
      console.error(String(result.errorInstance));
      break;
    }
    done += runs;
    process.stdout.write(`\r${name}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} cases, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  process.stdout.write('\n');
}
console.log(failed ? 'fuzz: a property failed' : `fuzz: ${(total * properties.length).toLocaleString('en')} cases, no failure, ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(failed ? 1 : 0);
