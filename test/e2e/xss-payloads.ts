// Hostile text for the XSS sweep: markup, attribute and URL breakers, breakers for JSON inside a
// <script>, search-highlight tags, template and markdown syntax, spreadsheet formulas, and forms
// built for Chinese text (full-width brackets, 【】「」 around markup, payloads inside sentences,
// zero-width characters, homoglyphs). None may run; each must read back as the text typed.

const ZW = '\u200b' // zero-width space
const LS = '\u2028' // line separator: legal in JSON, a line break in old JavaScript

export const payloads: readonly string[] = [
  // Plain markup.
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<body onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<video><source onerror=alert(1)></video>',
  '<audio src=x onerror=alert(1)>',
  '<marquee onstart=alert(1)>滚动</marquee>',
  '<object data="javascript:alert(1)">',
  '<embed src="javascript:alert(1)">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<<script>alert(1)//<</script>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<img src=x:alert(1) onerror=eval(src)>',
  '<script>alert(String.fromCharCode(88,83,83))</script>',
  '<style>@import "javascript:alert(1)";</style>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<form action="javascript:alert(1)"><button>提交</button></form>',
  '<a href="javascript:alert(1)">点我</a>',
  // Attribute breakers.
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '" onmouseover="alert(1)',
  "' onfocus='alert(1)' autofocus='",
  '" autofocus onfocus=alert(1) x="',
  '"/><svg/onload=alert(1)>',
  "'';!--\"<XSS>=&{()}",
  // Breakers for JSON inside a <script> (the hydration data).
  '</script><script>alert(1)</script>',
  '</SCRIPT><img src=x onerror=alert(1)>',
  '<!--<script>alert(1)</script>-->',
  `行${LS}分隔\u2029<script>alert(1)</script>`,
  '\\u003cscript\\u003ealert(1)\\u003c/script\\u003e',
  // URLs for URL fields and links.
  'javascript:alert(1)',
  'JaVaScRiPt:alert(document.domain)',
  '&#106;avascript:alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  // Search highlight breakers.
  '<em>高亮</em><script>alert(1)</script>',
  '</em><img src=x onerror=alert(1)><em>',
  '<mark onclick=alert(1)>标记</mark>',
  // Templates and markdown.
  "{{constructor.constructor('alert(1)')()}}",
  '${alert(1)}',
  '[点我](javascript:alert(1))',
  '![图](x" onerror="alert(1))',
  // Encoded forms.
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  // Chinese text contexts.
  '＜script＞alert(1)＜/script＞',
  '＜img src=x onerror=alert(1)＞',
  '请查看【<script>alert(1)</script>】的说明',
  '「<img src=x onerror=alert(1)>」测试报告',
  '本设备价格<b onmouseover=alert(1)>面议</b>，欢迎咨询',
  '《<svg onload=alert(1)>》与“"><script>alert(1)</script>”',
  `<scr${ZW}ipt>alert(1)</scr${ZW}ipt>`,
  `<img${ZW}src=x${ZW}onerror=alert(1)>`,
  '<ѕcript>alert(1)</ѕcript>', // Cyrillic ѕ
  // Spreadsheet formulas (CSV and exports).
  '=HYPERLINK("http://evil.example","点击领取")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
]

/** A person's name (50 characters at most): a spreadsheet formula and markup in one. */
export const personName = '=HYPERLINK("x")<img src=x onerror=alert(1)>张三'

/** `count` payloads starting at `from`, wrapping around: spreads the list over records. */
export function slice(from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => payloads[(from + i) % payloads.length] ?? '')
}

/** Payloads that fit a keyword (20 characters at most, no space or comma, which split tags). */
export const tagPayloads: readonly string[] = [
  '<b/onclick=alert(1)>',
  '"><svg/onload=xss>',
  '</script><b>标签</b>',
  '＜script＞标签',
  '=HYPERLINK("x")',
  '{{7*7}}',
  'javascript:alert(1)',
  '【<i>高亮</i>】',
  '<em>x</em><mark>',
  "'onfocus='alert(1)",
]
