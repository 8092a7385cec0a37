/**
 * The bot's own words (commands, buttons, hints), written once in Simplified and shown in the user's
 * script. Answer labels (答案, 出处…) come from src/render/labels.ts.
 */
import type { Script } from '../types.js';
import { toScript } from '../text/script.js';
import type { BotContext } from './context.js';

const TEXTS = {
  startIntro: '你好！我根据一组中文文档回答问题，每个回答都附有原文出处。',
  startDocs: '我读过 {n} 篇文档：',
  startMoreDocs: '……共 {n} 篇，发送 /docs 查看全部。',
  startExamples: '可以这样问（点按钮试试）：',
  startHowTo: '直接发送问题即可；群里请 @我 或用 /ask 问题。发送 /help 查看全部命令。',
  help: [
    '直接发送中文问题（简体或繁体），我会从文档中找出答案和原文出处。',
    '',
    '/start — 简介和示例问题',
    '/docs — 文档列表（标题、来源、日期）',
    '/facts — 从文档中抽取的事实',
    '/source 编号 — 查看某篇文档的全文',
    '/ask 问题 — 在群里提问',
    '/help — 本帮助',
    '',
    '回答下方的按钮：「更多段落」显示更多相关原文，「上下文」显示引文前后的句子，👍/👎 帮助我们改进。',
    '群组里：@我、回复我的消息，或用 /ask 问题。',
    '任何聊天中：输入 @{bot} 问题，即可把答案发到当前聊天。',
  ].join('\n'),
  helpAdmin: '管理员：/reload 重新读取文档文件夹；/stats 问题统计；直接发送文本、网页、PDF 或 Word 文件可添加文档。',
  statsOff: '问题日志已关闭（QUESTION_LOG=off），没有统计。',
  statsShared: '（所有实例合计，来自 Redis）',
  docsTitle: '文档列表（共 {n} 篇）',
  docsTitlePaged: '文档列表（共 {n} 篇，第 {page}/{pages} 页）',
  sentencesCount: '{n} 句',
  factsTitle: '抽取的事实（第 {page}/{pages} 页，共 {n} 条）',
  noFacts: '还没有从文档中抽取到事实。',
  sourceUsage: '用法：/source 编号（1–{n}），编号见 /docs。',
  sourcePage: '第 {page}/{pages} 页',
  prev: '◀ 上一页',
  next: '下一页 ▶',
  more: '📄 更多段落',
  context: '🔎 上下文 [{n}]',
  contextTitle: '上下文',
  noMore: '没有更多段落了。',
  expired: '这条回答已过期，请重新提问。',
  passageGone: '文档已更新，找不到这段原文了，请重新提问。',
  thanks: '谢谢反馈！',
  alreadyRated: '已收到您的反馈，谢谢！',
  askUsage: '用法：/ask 问题，例如 /ask {example}',
  unknownCommand: '没有这个命令。发送 /help 查看可用的命令。',
  onlyText: '我只能回答文字问题，请直接用中文输入问题。',
  editedHint: '修改后的消息不会重新回答；如需回答，请重新发送问题。',
  rateLimited: '提问太频繁了，请稍等一会儿再问。',
  error: '抱歉，处理您的消息时出了点问题，请稍后再试。',
  storeUnavailable: '抱歉，知识库暂时无法访问，请稍后再试。',
  adminOnly: '只有管理员可以使用这个功能。',
  uploadAdminOnly: '只有管理员可以上传文档。',
  uploadPrivateOnly: '请在与我的私聊中上传文档。',
  uploadType: '只支持文本（.txt、.md，任何编码）、网页（.html）、PDF 和 Word（.docx）文件。',
  uploadTooBig: '文件太大：最大 {max}。',
  uploadBadText: '无法读取这个文件：{reason}',
  uploadDone: '已添加文档，现在共有 {n} 篇文档：',
  uploadFailed: '添加文档失败：{reason}',
  reloading: '正在重新读取文档……（旧文档在此期间照常回答）',
  reloadQueued: '另一次重新加载正在进行，结束后会再加载一次……',
  reloadStage_reading: '正在读取文档文件夹……',
  reloadStage_building: '正在建立索引：{docs} 篇文档……',
  reloadStage_saving: '正在保存索引：{docs} 篇文档，{sentences} 个句子，{facts} 条事实……',
  reloadStage_storing: '正在写入 PostgreSQL 知识库：{docs} 篇文档……',
  reloadStage_loading: '正在载入新索引：{docs} 篇文档，{sentences} 个句子，{facts} 条事实……',
  reloaded: '已重新加载：{docs} 篇文档，{sentences} 个句子，{facts} 条事实，用时 {seconds} 秒。',
  reloadProblems: '跳过的文件：',
  reloadFailed: '重新加载失败，仍在使用原来的文档：{reason}',
  inlineHintTitle: '输入一个问题',
  inlineHintText: '在 @{bot} 后面输入中文问题，例如：@{bot} {example}',
  inlineNoAnswer: '文档中没有找到答案',
  labelTitle: '标题',
  labelDate: '日期',
  labelSize: '大小',
  labelFile: '文件',
  labelBeginning: '开头',
  genericExample: '文档里提到了哪些人？',
} as const;

export type TextKey = keyof typeof TEXTS;

/** A bot text in the given script, with {name} placeholders filled (values are inserted as given). */
export function t(key: TextKey, script: Script = 'hans', vars: Record<string, string | number> = {}): string {
  const text = toScript(TEXTS[key], script);
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

const TRADITIONAL_LOCALES = /^zh[-_](hant|tw|hk|mo)/i;

/** The script to talk to this user in: their last question's, else their Telegram language. */
export function scriptOf(ctx: BotContext): Script {
  let fromSession: Script | undefined;
  try {
    fromSession = ctx.chat ? ctx.session.script : undefined;
  } catch {
    fromSession = undefined;
  }
  if (fromSession) return fromSession;
  return TRADITIONAL_LOCALES.test(ctx.from?.language_code ?? '') ? 'hant' : 'hans';
}
