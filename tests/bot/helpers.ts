/**
 * Test fixtures for the bot: settings, a small hostile corpus, a scripted engine, and a harness that
 * runs createBot against FakeTelegram with `bot.handleUpdate`.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Update } from 'grammy/types';
import type { Answer, Citation, CorpusDocument, Fact, Sentence } from '../../src/types.js';
import type { ChatState } from '../../src/answer/engine.js';
import type { Config } from '../../src/config/settings.js';
import { createLogger } from '../../src/logger.js';
import { createBot, type BotDeps, type QaBot } from '../../src/bot/create-bot.js';
import type { Asker, BotCorpus, BotKnowledge, MemoryCorpus } from '../../src/bot/corpus.js';
import { FakeTelegram, updates, type FakeTelegramOptions } from '../support/fake-api.js';
import { splitSentencePieces } from '../../src/render/html.js';
import { detectScript } from '../../src/text/script.js';

export const TOKEN = '123456789:AAHtestTokenForBotTests_abcdefghijk';
export const ADMIN = 777;
export const USER = 555;

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    botToken: TOKEN,
    telegramApiRoot: 'http://127.0.0.1:9',
    corpusDir: mkdtempSync(join(tmpdir(), 'bot-corpus-')),
    adminIds: [ADMIN],
    port: 0,
    logLevel: 'debug',
    feedbackLog: join(mkdtempSync(join(tmpdir(), 'bot-fb-')), 'feedback.jsonl'),
    rateLimit: { limit: 0, windowSeconds: 60 },
    maxUploadBytes: 2 * 1024 * 1024,
    ...overrides,
  };
}

export const HOSTILE_TITLE = '铁岭<script>alert(1)</script>“回头看” & 成果';

export const DOCS: CorpusDocument[] = [
  {
    meta: { id: 'a', title: HOSTILE_TITLE, source: '辽宁法制报', published: '2021-08-10T09:46' },
    paragraphs: ['8月6日，发布会召开。李友作新闻发布。', '经测评，群众满意度为97.18%<b>；综合评估得分106.94分。教育整顿取得成果。', '第四段第一句。第四段第二句。'],
  },
  { meta: { id: 'b', title: '第二篇 </i> 文档', source: '辽宁日报', published: '2021-08-19' }, paragraphs: ['张国清出席会议并讲话。会议强调高标准推进。'] },
];

export function buildKb(documents: CorpusDocument[], facts: Fact[] = []): BotKnowledge {
  const sentences: Sentence[] = [];
  const sentencesByDoc = new Map<string, number[]>();
  for (const d of documents) {
    let position = 0;
    d.paragraphs.forEach((p, paragraph) => {
      for (const text of splitSentencePieces(p)
        .map((x) => x.trim())
        .filter(Boolean)) {
        const id = sentences.length;
        sentences.push({ id, docId: d.meta.id, paragraph, position: position++, text, simplified: text });
        sentencesByDoc.set(d.meta.id, [...(sentencesByDoc.get(d.meta.id) ?? []), id]);
      }
    });
  }
  return { documents: [...documents], docById: new Map(documents.map((d) => [d.meta.id, d])), sentences, sentencesByDoc, facts };
}

export function factsFor(kb: BotKnowledge): Fact[] {
  const s = (i: number) => ({ docId: kb.sentences[i].docId, sentenceId: i, sentence: kb.sentences[i].text });
  return [
    { type: 'person', value: '李友', titles: ['市委常委', '政法委书记'], org: '铁岭', ...s(1) },
    { type: 'percentage', value: '97.18%', subject: '群众满意度', ...s(2) },
    { type: 'score', value: '106.94分', subject: '综合评估得分', ...s(3) },
    { type: 'date', value: '2021-08-06', event: '新闻发布会召开', ...s(0) },
    { type: 'list', value: '四项任务', subject: '四项任务', items: ['筑牢政治忠诚', '清除害群之马'], ...s(4) },
  ];
}

export function cite(kb: BotKnowledge, id: number): Citation {
  const s = kb.sentences[id];
  const d = kb.docById.get(s.docId)!;
  return { docId: s.docId, sentenceId: id, title: d.meta.title, source: d.meta.source, published: d.meta.published, sentence: s.text };
}

/**
 * An engine with predictable answers:
 *   …满意度…  answered, 3 citations        …他/李友…  answered (follow-up aware), sets lastPerson
 *   …长文…    answered, an enormous citation   …boom…    throws
 *   anything else: not answered, 4 nearest passages
 */
export class ScriptedEngine implements Asker {
  readonly calls: { question: string; state: ChatState }[] = [];
  constructor(readonly kb: BotKnowledge) {}

  ask(question: string, state: ChatState = {}): Answer {
    this.calls.push({ question, state: { ...state } });
    const script = detectScript(question);
    const base = { question, script, type: 'open' as const, facts: [] as Fact[], nearest: [] as Citation[] };
    if (question.includes('boom')) throw new Error(`engine exploded near ${TOKEN}`);
    if (question.includes('满意度') || question.includes('滿意度')) {
      return { ...base, type: 'howmuch', answered: true, answer: '97.18%', facts: [this.kb.facts[1]].filter(Boolean), citations: [cite(this.kb, 2), cite(this.kb, 3), cite(this.kb, 7)] };
    }
    if (question.includes('李友') || (question.includes('他') && state.lastPerson)) {
      state.lastPerson = '李友';
      return { ...base, type: 'title', answered: true, answer: '市委常委、政法委书记', citations: [cite(this.kb, 1)] };
    }
    if (question.includes('长文')) {
      const huge = { ...cite(this.kb, 2), sentence: '很长的一句话<i>，'.repeat(900) + '。' };
      return { ...base, answered: true, answer: '很长', citations: [huge, cite(this.kb, 3)] };
    }
    return { ...base, answered: false, answer: null, citations: [], nearest: [cite(this.kb, 4), cite(this.kb, 0), cite(this.kb, 5), cite(this.kb, 6)], reason: 'weak-match' };
  }
}

export function fakeCorpus(documents: CorpusDocument[] = DOCS): MemoryCorpus & { engine: ScriptedEngine } {
  const kb = buildKb(documents);
  kb.facts = factsFor(kb);
  return { kb, engine: new ScriptedEngine(kb) };
}

/** A loader that reflects the files in the corpus folder as extra documents. */
export function folderLoader() {
  const calls: string[] = [];
  const load = async (dir: string): Promise<BotCorpus> => {
    calls.push(dir);
    const extra = readdirSync(dir).map((f, i) => ({ meta: { id: f, title: `文件${i + 1}` }, paragraphs: ['上传的内容。'] }));
    return fakeCorpus([...DOCS, ...extra]);
  };
  return { calls, load };
}

export interface Harness {
  bot: QaBot;
  api: FakeTelegram;
  config: Config;
  corpus: ReturnType<typeof fakeCorpus>;
  logs: string[];
  /** Handle one update (assigns update_id). */
  send(update: Omit<Update, 'update_id'>): Promise<void>;
  /** sendMessage payloads so far. */
  replies(): Record<string, any>[];
  /** Calls of one method so far. */
  calls(method: string): Record<string, any>[];
  /** Forget recorded calls. */
  clear(): void;
}

export function harness(options: { config?: Partial<Config>; deps?: Partial<BotDeps>; api?: FakeTelegramOptions } = {}): Harness {
  const config = testConfig(options.config);
  const api = new FakeTelegram(options.api);
  const logs: string[] = [];
  const corpus = fakeCorpus();
  const bot = createBot(config, {
    corpus,
    botInfo: api.botInfo,
    transport: api.transport,
    logger: createLogger({ level: 'debug', secrets: [TOKEN], destination: { write: (s: string) => void logs.push(s) } }),
    now: () => new Date('2026-01-02T03:04:05Z'),
    loadCorpus: folderLoader().load,
    ...options.deps,
  });
  let updateId = 1;
  return {
    bot,
    api,
    config,
    corpus,
    logs,
    send: (u) => bot.handleUpdate({ ...u, update_id: updateId++ } as Update),
    replies: () => api.sent('sendMessage'),
    calls: (method) => api.sent(method),
    clear: () => {
      api.calls.length = 0;
      api.attempts.length = 0;
    },
  };
}

export { updates };

/** Byte length of callback data (Telegram allows 1-64 bytes). */
export function callbackBytes(markup: any): number[] {
  return (markup?.inline_keyboard ?? [])
    .flat()
    .filter((b: any) => b.callback_data)
    .map((b: any) => Buffer.byteLength(b.callback_data, 'utf8'));
}

export function buttons(markup: any): { text: string; data?: string }[] {
  return (markup?.inline_keyboard ?? []).flat().map((b: any) => ({ text: b.text, data: b.callback_data }));
}
