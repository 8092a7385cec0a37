import { loadSquad } from '../src/bench/squad.js';
import { loadSegmenter } from '../src/text/segment.js';
import { tagged } from '../src/facts/tokens.js';
import { loadTagger, recognise } from '../src/facts/tagger/index.js';
import { charContext, featureHashes } from '../src/facts/tagger/features.js';
import { emissions, viterbi, marginals, deserialise } from '../src/facts/tagger/model.js';
import { readFileSync } from 'node:fs';
import { toSentences } from '../src/answer/knowledge-base.js';
loadSegmenter(); loadTagger();
const model = deserialise(readFileSync('src/facts/tagger/person-tagger.json', 'utf8'));
const docs = loadSquad('../shared/bench/drcd/DRCD_test.json').documents.slice(0, 300);
const sents = toSentences(docs).map((s) => s.simplified);
const T: Record<string, number> = {};
const time = (k: string, f: () => void) => { const t = performance.now(); f(); T[k] = (T[k] ?? 0) + performance.now() - t; };
for (let rep = 0; rep < 2; rep++) for (const s of sents) {
  let tags: any, ctx: any, feats: any, sc: any;
  time('tag', () => { tags = tagged(s); });
  time('ctx', () => { ctx = charContext(s, tags); });
  time('feats', () => { feats = featureHashes(ctx); });
  time('emis', () => { sc = emissions(model, feats, s.length); });
  time('vit', () => { viterbi(model, sc, s.length); });
  time('marg', () => { marginals(model, sc, s.length, 56); });
}
console.log(sents.length, sents.reduce((a, s) => a + s.length, 0), Object.fromEntries(Object.entries(T).map(([k, v]) => [k, Math.round(v)])));
