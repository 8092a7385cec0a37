/**
 * CLUENER 2020 train as a news-style fitting source of synthesised questions (person/title,
 * who-holds-title and who-did-it questions from its annotations, plus unanswerable ones): the other
 * tuning splits have few such questions. Used by `npm run tune` (the answer policy) and `npm run
 * tune:ranking` (the sentence ranking); docs/measurements/answer-policy-refit.md describes it.
 */
import { readFileSync } from 'node:fs';
import type { CorpusDocument } from '../types.js';
import { seededRandom } from '../random.js';
import type { BenchQuestion, BenchSet } from './squad.js';

/** The news-style fourth source: CLUENER 2020 train sentences, questions synthesised from their annotations. */
export const CLUENER_SPLIT = 'cluener/cluener_train.json';
export const CLUENER_NAME = 'CLUENER_train_synth';

// ---------------------------------------------------------------------------------------------------
// CLUENER synthesis: person/title questions about news-like sentences (the other splits have few).

/** Sentences per synthetic document: consecutive lines of the file, so documents are deterministic. */
const CLUENER_DOC_SENTENCES = 8;
/** The share of the file's documents used as the corpus; names of the rest are the unanswerable questions' subjects. */
const CLUENER_CORPUS_SHARE = 0.8;
/** One unanswerable question per this many answerable ones (declining must be learned too). */
const CLUENER_UNANSWERABLE_EVERY = 6;
/** Most characters between a name and the title it holds for them to count as adjacent (王某，总经理). */
const CLUENER_MAX_GAP = 1;
const CLUENER_SEED = 20201;

const TITLE_TEMPLATES = ['{X}是什么职务？', '{X}担任什么职务？', '{X}的职务是什么？', '{X}现任什么职务？'];
const WHO_TEMPLATES = ['谁是{P}？', '{P}是谁？', '谁担任{P}？', '{P}由谁担任？'];
const WHO_ORG_TEMPLATES = ['谁是{O}的{P}？', '{O}的{P}是谁？', '谁担任{O}{P}？'];

/** Verbs whose doer a who-question asks about (the name written right before them); the first set takes 了. */
const ACTION_VERBS = new Set(['主持', '出席', '参加', '会见', '率领', '带领', '发布', '宣布', '提出', '召开', '签署', '访问', '担任', '获得']);
const ROLE_VERBS = [...ACTION_VERBS, '介绍', '透露', '认为', '告诉', '表示', '说', '称', '指出', '强调', '接受', '执导', '主演', '建议'];

type ClueLine = { text: string; label: Record<string, Record<string, [number, number][]>> };

/** Spans of one label: [text, start, end] (end inclusive, as in the file). */
function spansOf(line: ClueLine, label: string): [string, number, number][] {
  const out: [string, number, number][] = [];
  for (const [text, ranges] of Object.entries(line.label[label] ?? {})) for (const [s, e] of ranges) out.push([text, s, e]);
  return out;
}

/** CLUENER train as a bench set: documents of consecutive sentences, questions from name+position pairs. */
export function synthesiseCluener(path: string): BenchSet {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ClueLine);
  const rnd = seededRandom(CLUENER_SEED);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const docCount = Math.ceil(lines.length / CLUENER_DOC_SENTENCES);
  const corpusDocs = Math.floor(docCount * CLUENER_CORPUS_SHARE);
  const documents: CorpusDocument[] = [];
  const questions: BenchQuestion[] = [];
  for (let d = 0; d < corpusDocs; d++) {
    const id = 'c' + String(d + 1).padStart(4, '0');
    const sentences = lines.slice(d * CLUENER_DOC_SENTENCES, (d + 1) * CLUENER_DOC_SENTENCES);
    // Lines are fragments; each ends a sentence so the splitter keeps them apart.
    documents.push({ meta: { id, title: id }, paragraphs: sentences.map((l) => (/[。！？!?]$/.test(l.text) ? l.text : l.text + '。')) });
  }
  const corpusText = documents.map((d) => d.paragraphs.join('')).join('\n');
  const seen = new Set<string>();
  let answerable = 0;
  documents.forEach((doc, d) => {
    const sentences = lines.slice(d * CLUENER_DOC_SENTENCES, (d + 1) * CLUENER_DOC_SENTENCES);
    for (const line of sentences) {
      const names = spansOf(line, 'name');
      const titles = spansOf(line, 'position');
      const orgs = [...spansOf(line, 'organization'), ...spansOf(line, 'company'), ...spansOf(line, 'government')];
      for (const [x, xs, xe] of names) {
        const held = titles.filter(([, ps, pe]) => (ps - xe - 1 >= 0 && ps - xe - 1 <= CLUENER_MAX_GAP) || (xs - pe - 1 >= 0 && xs - pe - 1 <= CLUENER_MAX_GAP));
        if (held.length !== 1) continue;
        const [p, ps] = held[0];
        if (Array.from(x).length < 2 || Array.from(p).length < 2) continue;
        const key = `${doc.meta.id}/${x}/${p}`;
        if (seen.has(key)) continue;
        seen.add(key);
        // The title asked about a name: that name's titles in this document are all right.
        const titlesOfX = [
          ...new Set(
            sentences.flatMap((l) =>
              spansOf(l, 'name')
                .filter(([n]) => n === x)
                .flatMap(([, s2, e2]) =>
                  spansOf(l, 'position')
                    .filter(([, a, b]) => (a - e2 - 1 >= 0 && a - e2 - 1 <= CLUENER_MAX_GAP) || (s2 - b - 1 >= 0 && s2 - b - 1 <= CLUENER_MAX_GAP))
                    .map(([t]) => t),
                ),
            ),
          ),
        ];
        questions.push({ id: `${doc.meta.id}-t${questions.length}`, question: pick(TITLE_TEMPLATES).replace('{X}', x), answers: titlesOfX, docId: doc.meta.id });
        const org = orgs.filter(([, , oe]) => oe < ps && ps - oe - 1 <= CLUENER_MAX_GAP)[0];
        const question = org ? pick(WHO_ORG_TEMPLATES).replace('{O}', org[0]).replace('{P}', p) : pick(WHO_TEMPLATES).replace('{P}', p);
        questions.push({ id: `${doc.meta.id}-w${questions.length}`, question, answers: [x], docId: doc.meta.id });
        answerable += 2;
      }
      // Who did it: a name followed by an action verb and its object in the same clause (谁主持了…会议？).
      for (const [x, , xe] of names) {
        if (Array.from(x).length < 2) continue;
        // A few characters of adverb may come between (昨天, 也, 亲自), no punctuation.
        const head = line.text.slice(xe + 1, xe + 1 + 3 + 2);
        const at = Math.min(...ROLE_VERBS.map((v) => head.indexOf(v)).filter((i) => i >= 0 && i <= 3));
        if (!Number.isFinite(at) || /[，。、,；：:]/.test(head.slice(0, at))) continue;
        const after = line.text.slice(xe + 1 + at);
        const verb = ROLE_VERBS.filter((v) => after.startsWith(v)).sort((a, b) => b.length - a.length)[0];
        if (!verb) continue;
        const object = after
          .slice(verb.length)
          .replace(/^[了，：:“"\s]+/, '')
          .split(/[，。；！？：“”‘’（）,;!?:()、\s]/)[0];
        const n = Array.from(object).length;
        if (n < 4 || n > 20 || /[0-9]/.test(object)) continue;
        const key = `${doc.meta.id}/${x}/${verb}/${object}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const question = (ACTION_VERBS.has(verb) ? pick(['谁{V}了{O}？', '{O}由谁{V}？']) : '谁{V}{O}？').replace('{V}', verb).replace('{O}', object);
        questions.push({ id: `${doc.meta.id}-r${questions.length}`, question, answers: [x], docId: doc.meta.id });
        answerable += 1;
      }
    }
  });
  // Unanswerable: names annotated in the documents left out of the corpus, which the corpus never mentions.
  const absent = [...new Set(lines.slice(corpusDocs * CLUENER_DOC_SENTENCES).flatMap((l) => spansOf(l, 'name').map(([n]) => n)))].filter((n) => Array.from(n).length >= 2 && !corpusText.includes(n));
  const wanted = Math.floor(answerable / CLUENER_UNANSWERABLE_EVERY);
  for (let i = 0; i < wanted && absent.length; i++) {
    const name = absent.splice(Math.floor(rnd() * absent.length), 1)[0];
    const doc = documents[Math.floor(rnd() * documents.length)];
    questions.push({ id: `${doc.meta.id}-u${questions.length}`, question: pick(TITLE_TEMPLATES).replace('{X}', name), answers: [], docId: doc.meta.id, impossible: true });
  }
  return { name: CLUENER_NAME, documents, questions };
}
