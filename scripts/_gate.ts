import { loadCluener } from '../src/bench/cluener.js';
import { tagged } from '../src/facts/tokens.js';
import { TITLE_HEADS } from '../src/facts/lexicon.js';
import { loadSquad } from '../src/bench/squad.js';
import { toSentences } from '../src/answer/knowledge-base.js';
const heads = new RegExp(TITLE_HEADS.join('|'));
const gate = (t: string) => /[A-Za-z]/.test(t) || heads.test(t) || tagged(t).some((w) => /^nr/.test(w.tag)) ;
const all = loadCluener('../shared/bench/cluener/cluener_train.json').filter((_, k) => k % 10 === 0);
let names = 0, kept = 0, sents = 0, sk = 0;
for (const s of all) { const g = gate(s.text); sents++; if (g) sk++; for (const sp of s.spans) if (sp.label === 'name') { names++; if (g) kept++; } }
console.log({ names, kept, sents, sk });
const set = loadSquad('../shared/bench/drcd/DRCD_test.json');
const ss = toSentences(set.documents.slice(0, 300));
let on = 0, chars = 0, onChars = 0; for (const s of ss) { chars += s.simplified.length; if (gate(s.simplified)) { on++; onChars += s.simplified.length; } }
console.log({ drcdTest: ss.length, on, chars, onChars });
