/**
 * Writes reviewed documents (.md with front matter) out again in the formats operators have them, to
 * test and measure the readers (tests/fixtures/formats, notes/docs.md):
 *
 *   <out>/utf8/<id>.txt        the raw page layout (title, byline line, paragraphs) in UTF-8 — the baseline
 *   <out>/gb18030/<id>.txt     the same bytes in GB18030
 *   <out>/big5/<id>.txt        Big5-HKSCS for a Traditional document; a Simplified one (Big5 cannot hold
 *                              it) in GB18030, as a folder of mixed encodings would have it
 *   <out>/utf16/<id>.txt       UTF-16LE without a BOM (Traditional) / UTF-16BE with a BOM (Simplified)
 *   <out>/html/<id>.html       a news page with menus, sidebar, related list, footer, scripts, meta tags
 *   <out>/docx/<id>.docx       Word, by pandoc (title as the Title style)
 *   <out>/pdf/<id>.pdf         PDF, by LibreOffice from a flat ODT with a page header and a page-number
 *                              footer on every page, first-line indents, A5 pages so lines wrap mid-sentence
 *
 *   npx tsx scripts/make-format-fixtures.ts --out DIR FILE.md...
 *
 * Needs pandoc and LibreOffice (soffice) with a CJK font (Debian: pandoc libreoffice-writer-nogui
 * fonts-noto-cjk); only this script does: the tests read the files it made.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import { parseFrontMatter, splitBodyParagraphs } from '../src/documents/frontmatter.js';
import { toTraditional } from '../src/text/script.js';
import type { DocumentMeta } from '../src/types.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' } } });
if (!values.out || !positionals.length) {
  console.error('usage: npx tsx scripts/make-format-fixtures.ts --out DIR FILE.md...');
  process.exit(2);
}
const out = values.out;

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const write = (format: string, name: string, data: string | Buffer) => {
  mkdirSync(join(out, format), { recursive: true });
  writeFileSync(join(out, format, name), data);
};

interface Doc {
  id: string;
  meta: Omit<DocumentMeta, 'id'>;
  paragraphs: string[];
}

/** Byline in the document's own script, as a page prints it. */
function bylineOf(doc: Doc): string {
  const { meta } = doc;
  const parts = [
    meta.published ? `发布时间：${meta.published.replace('T', ' ')}` : '',
    meta.source ? `来源：${meta.source}` : '',
    meta.author ? `作者：${meta.author}` : '',
    meta.editor ? `编辑：${meta.editor}` : '',
    meta.responsibleEditor ? `责任编辑：${meta.responsibleEditor}` : '',
  ].filter(Boolean);
  const line = parts.join('　');
  return meta.script === 'hant' ? line.replace(/[^\d:： -]+(?=：)/g, (label) => toTraditional(label)) : line;
}

/** The 原标题 line a page prints under the byline, when the document has one. */
const originalTitleLine = (doc: Doc) => (doc.meta.originalTitle ? [`${doc.meta.script === 'hant' ? '原標題' : '原标题'}：${doc.meta.originalTitle}`] : []);
/** Article paragraphs as a page shows them: the 原标题 line first. */
const shownParagraphs = (doc: Doc) => [...originalTitleLine(doc), ...doc.paragraphs];

function rawText(doc: Doc): string {
  return [doc.meta.title, bylineOf(doc), '', ...shownParagraphs(doc).flatMap((p) => [p, ''])].join('\n');
}

function htmlPage(doc: Doc): string {
  const site = doc.meta.source ?? '新闻网';
  const related = ['全省政法工作会议召开', '推进法治政府建设', '关于开展专项整治的通知', '本周天气预报'];
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeXml(doc.meta.title)}_${escapeXml(site)}</title>
<meta property="og:title" content="${escapeXml(doc.meta.title)} - ${escapeXml(site)}">
<meta property="og:site_name" content="${escapeXml(site)}">
${doc.meta.published ? `<meta property="article:published_time" content="${escapeXml(doc.meta.published.length === 16 ? doc.meta.published + ':00' : doc.meta.published)}+08:00">` : ''}
${doc.meta.author ? `<meta name="author" content="${escapeXml(doc.meta.author)}">` : ''}
<meta name="keywords" content="政法,教育整顿,新闻">
<link rel="stylesheet" href="/static/css/main.css">
<style>body{font-family:sans-serif} .nav li{display:inline} .side{float:right;width:200px}</style>
<script>var _hmt = _hmt || []; (function(){ var hm = document.createElement("script"); hm.src = "https://hm.example/hm.js"; })();</script>
</head>
<body>
<div class="top-bar"><a href="/login">登录</a> | <a href="/register">注册</a> | <a href="/app">手机版</a></div>
<header class="header"><div class="logo"><a href="/">${escapeXml(site)}</a></div>
<nav class="nav"><ul><li><a href="/">首页</a></li><li><a href="/news">新闻</a></li><li><a href="/law">政法</a></li><li><a href="/local">地方</a></li><li><a href="/video">视频</a></li><li><a href="/about">关于我们</a></li></ul></nav>
<form class="search"><input type="text" placeholder="搜索"><button>搜索</button></form>
</header>
<div class="breadcrumb"><a href="/">首页</a> &gt; <a href="/news">新闻</a> &gt; 正文</div>
<div class="main">
<aside class="side">
<h3>热门文章</h3>
<ul>${related.map((r, i) => `<li><a href="/hot/${i}.html">${r}</a></li>`).join('')}</ul>
<div class="ad">广告</div>
</aside>
<article class="article">
<h1>${escapeXml(doc.meta.title)}</h1>
<div class="info"><span>${escapeXml(bylineOf(doc))}</span> <span class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></span></div>
<div class="content">
${shownParagraphs(doc)
  .map((p) => `<p>　　${escapeXml(p)}</p>`)
  .join('\n')}
</div>
${doc.meta.editor ? `<div class="editor">（编辑：${escapeXml(doc.meta.editor)}）</div>` : ''}
</article>
<section class="related"><h3>相关阅读</h3><ul>${related.map((r, i) => `<li><a href="/rel/${i}.html">${r}</a></li>`).join('')}</ul></section>
</div>
<footer class="footer"><p><a href="/about">关于我们</a> | <a href="/contact">联系我们</a> | <a href="/copyright">版权声明</a></p>
<p>Copyright © 2021 ${escapeXml(site)} 版权所有 辽ICP备00000000号</p></footer>
<script src="/static/js/stat.js"></script>
</body>
</html>
`;
}

function flatOdt(doc: Doc): string {
  const font = doc.meta.script === 'hant' ? 'Noto Serif CJK TC' : 'Noto Serif CJK SC';
  const p = (style: string, text: string) => `<text:p text:style-name="${style}">${escapeXml(text)}</text:p>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>${escapeXml(doc.meta.title)}</dc:title></office:meta>
<office:font-face-decls><style:font-face style:name="${font}" svg:font-family="'${font}'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:text-properties style:font-name="${font}" style:font-name-asian="${font}" fo:font-size="11pt" style:font-size-asian="11pt" fo:language="zh" fo:country="CN" style:language-asian="zh" style:country-asian="CN"/></style:default-style>
<style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-indent="22pt" fo:margin-bottom="4pt" fo:line-height="150%" fo:text-align="justify"/></style:style>
<style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="10pt"/><style:text-properties fo:font-size="16pt" style:font-size-asian="16pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
<style:style style:name="Byline" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="10pt"/><style:text-properties fo:font-size="9pt" style:font-size-asian="9pt"/></style:style>
<style:style style:name="Edge" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="8pt" style:font-size-asian="8pt"/></style:style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="A5"><style:page-layout-properties fo:page-width="148mm" fo:page-height="210mm" fo:margin-top="12mm" fo:margin-bottom="12mm" fo:margin-left="16mm" fo:margin-right="16mm"/><style:header-style><style:header-footer-properties fo:min-height="6mm" fo:margin-bottom="4mm"/></style:header-style><style:footer-style><style:header-footer-properties fo:min-height="6mm" fo:margin-top="4mm"/></style:footer-style></style:page-layout>
</office:automatic-styles>
<office:master-styles>
<style:master-page style:name="Standard" style:page-layout-name="A5">
<style:header><text:p text:style-name="Edge">${escapeXml(doc.meta.source ?? '')} · 电子版</text:p></style:header>
<style:footer><text:p text:style-name="Edge">第 <text:page-number text:select-page="current">1</text:page-number> 页</text:p></style:footer>
</style:master-page>
</office:master-styles>
<office:body><office:text>
${p('Title', doc.meta.title)}
${p('Byline', bylineOf(doc))}
${shownParagraphs(doc)
  .map((para) => p('Body', para))
  .join('\n')}
</office:text></office:body>
</office:document>
`;
}

const work = mkdtempSync(join(tmpdir(), 'fixtures-'));
try {
  for (const file of positionals) {
    const reviewed = parseFrontMatter(readFileSync(file, 'utf8'));
    if (!reviewed) throw new Error(`${file}: no front matter`);
    const id = basename(file).replace(/\.md$/, '');
    const doc: Doc = { id, meta: { ...reviewed.meta, title: reviewed.meta.title ?? id }, paragraphs: splitBodyParagraphs(reviewed.body) };
    const hant = doc.meta.script === 'hant';
    const text = rawText(doc);

    write('utf8', `${id}.txt`, text);
    write('gb18030', `${id}.txt`, iconv.encode(text, 'gb18030'));
    write('big5', `${id}.txt`, iconv.encode(text, hant ? 'big5hkscs' : 'gb18030'));
    write('utf16', `${id}.txt`, hant ? iconv.encode(text, 'utf-16le') : Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]));
    write('html', `${id}.html`, htmlPage(doc));

    const md = join(work, `${id}.md`);
    writeFileSync(md, `---\ntitle: "${doc.meta.title.replace(/"/g, '\\"')}"\n---\n\n${bylineOf(doc)}\n\n${shownParagraphs(doc).join('\n\n')}\n`);
    mkdirSync(join(out, 'docx'), { recursive: true });
    execFileSync('pandoc', [md, '-f', 'markdown-smart', '-o', join(out, 'docx', `${id}.docx`)]);

    const fodt = join(work, `${id}.fodt`);
    writeFileSync(fodt, flatOdt(doc));
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', work, fodt], { stdio: 'ignore' });
    write('pdf', `${id}.pdf`, readFileSync(join(work, `${id}.pdf`)));
    console.log(`${file} -> ${out}/{utf8,gb18030,big5,utf16,html,docx,pdf}/${id}.*`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
