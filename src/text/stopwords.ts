/**
 * Words that carry no retrieval signal: function words, and the question words themselves
 * (a question's 谁/多少/什么 never appear in the answer sentence). Simplified forms.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    '的 了 和 与 及 以及 或 或者 而 而且 并 并且 也 又 还 就 都 在 于 对 对于 把 被 让 给 向 从 自 到 为 为了 以 之 其 此 这 那 这个 那个 这些 那些 ' +
    '是 有 没有 没 不 无 非 个 些 一 一个 上 下 中 里 内 等 等等 着 过 吗 呢 吧 啊 呀 嘛 么 哦 哪 哪个 哪些 哪里 哪儿 哪位 哪一 哪年 哪天 哪家 ' +
    '谁 什么 啥 多少 几 几个 几月 几号 几日 何 何时 何地 何人 何处 如何 怎么 怎样 怎么样 为何 为什么 是否 是不是 有没有 能否 可否 ' +
    '请问 请 问 告诉 我 我们 你 你们 他 她 它 他们 她们 它们 咱们 自己 该 本 各 每 所 所有 ' +
    '究竟 到底 一共 总共 共 大约 大概 约 具体 主要 曾经 已经 正在 将 最 更 很 非常 一般 通常 当时 目前 现在 之前 以后 ' +
    '时候 什么时候 多久 多长 多大 多高 多远 分别 包括 哪些方面 情况 方面 问题 呢 吗 么'
  ).split(/\s+/),
);

/** True for tokens that are only punctuation, symbols or whitespace. */
export function isPunctuation(token: string): boolean {
  return /^[\p{P}\p{S}\s]+$/u.test(token);
}
