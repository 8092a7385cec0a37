/** Test helpers: is a string valid Telegram HTML as we write it (known tags, balanced, entities escaped)? */
const ALLOWED = new Set(['b', 'i', 'u', 's', 'code', 'pre', 'blockquote', 'a']);

export function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const tag = /<(\/?)([a-z-]+)(\s[^<>]*)?>/g;
  let last = 0;
  const checkText = (text: string) => {
    if (/[<>]/.test(text)) problems.push(`raw < or > in text: ${JSON.stringify(text.slice(0, 40))}`);
    const amp = text.match(/&(?!(amp|lt|gt|quot);)/);
    if (amp) problems.push(`raw & in text: ${JSON.stringify(text.slice(Math.max(0, amp.index! - 10), amp.index! + 10))}`);
  };
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    checkText(html.slice(last, m.index));
    last = tag.lastIndex;
    const [, closing, name] = m;
    if (!ALLOWED.has(name)) problems.push(`unknown tag <${name}>`);
    if (closing) {
      if (stack.pop() !== name) problems.push(`unbalanced </${name}>`);
    } else stack.push(name);
  }
  checkText(html.slice(last));
  if (stack.length) problems.push(`unclosed ${stack.join(',')}`);
  return problems;
}

/** The text a user sees: tags removed, entities decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
