/**
 * HTML leftovers (AN203): character references (`&nbsp;` `&quot;` `&#1611;` `&#x627;`, also
 * double-encoded `&amp;quot;`), tags (`<br>` `</p>` `<a href="…">`, also entity-encoded
 * `&lt;br&gt;`) and comments, found with a hand-written scanner (no regular expression that can
 * backtrack) that only starts at `&` and `<`.
 */
import { WINDOWS_1252_HIGH } from '../../text/codepages';
import { isAnySpace, isInvisibleFormat } from './shared';

/** One leftover on a line. */
export interface HtmlLeftover {
  readonly start: number;
  readonly end: number;
  readonly kind: 'entity' | 'tag' | 'comment';
  /** What it becomes: the decoded character(s); for tags and comments '' (inline) or ' ' (block). */
  readonly replacement: string;
  /** True for an entity that decodes to a quotation mark. */
  readonly quote: boolean;
}

/** Named character references a scraped page is likely to carry (HTML's own names; case-sensitive). */
const ENTITIES: Readonly<Record<string, string>> = {
  nbsp: '\u00A0', amp: '&', quot: '"', apos: "'", lt: '<', gt: '>',
  AMP: '&', QUOT: '"', LT: '<', GT: '>',
  laquo: '«', raquo: '»', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„',
  lsaquo: '‹', rsaquo: '›', hellip: '…', ndash: '–', mdash: '—', minus: '−', bull: '•', middot: '·',
  prime: '′', Prime: '″', dagger: '†', Dagger: '‡', permil: '‰', lrm: '\u200E', rlm: '\u200F',
  zwnj: '\u200C', zwj: '\u200D', shy: '\u00AD', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009',
  copy: '©', reg: '®', trade: '™', deg: '°', plusmn: '±', times: '×', divide: '÷', micro: 'µ',
  para: '¶', sect: '§', cent: '¢', pound: '£', yen: '¥', euro: '€', curren: '¤', brvbar: '¦',
  uml: '¨', macr: '¯', acute: '´', cedil: '¸', ordf: 'ª', ordm: 'º', not: '¬', iexcl: '¡', iquest: '¿',
  sup1: '¹', sup2: '²', sup3: '³', frac14: '¼', frac12: '½', frac34: '¾', larr: '←', rarr: '→',
  uarr: '↑', darr: '↓', harr: '↔', hearts: '♥', star: '☆',
  agrave: 'à', aacute: 'á', acirc: 'â', atilde: 'ã', auml: 'ä', aring: 'å', aelig: 'æ', ccedil: 'ç',
  egrave: 'è', eacute: 'é', ecirc: 'ê', euml: 'ë', igrave: 'ì', iacute: 'í', icirc: 'î', iuml: 'ï',
  ntilde: 'ñ', ograve: 'ò', oacute: 'ó', ocirc: 'ô', otilde: 'õ', ouml: 'ö', oslash: 'ø', ugrave: 'ù',
  uacute: 'ú', ucirc: 'û', uuml: 'ü', yacute: 'ý', yuml: 'ÿ', szlig: 'ß', oelig: 'œ',
  Agrave: 'À', Aacute: 'Á', Acirc: 'Â', Atilde: 'Ã', Auml: 'Ä', Aring: 'Å', AElig: 'Æ', Ccedil: 'Ç',
  Egrave: 'È', Eacute: 'É', Ecirc: 'Ê', Euml: 'Ë', Igrave: 'Ì', Iacute: 'Í', Icirc: 'Î', Iuml: 'Ï',
  Ntilde: 'Ñ', Ograve: 'Ò', Oacute: 'Ó', Ocirc: 'Ô', Otilde: 'Õ', Ouml: 'Ö', Oslash: 'Ø', Ugrave: 'Ù',
  Uacute: 'Ú', Ucirc: 'Û', Uuml: 'Ü', Yacute: 'Ý', OElig: 'Œ',
};

/** Names a browser also reads without the semicolon, which scraped text often lost. */
const LEGACY_NO_SEMICOLON = new Set(['nbsp', 'amp', 'quot', 'lt', 'gt']);

/** HTML element names. Block elements (and `<br>`) separate text: they become a space. */
const BLOCK_TAGS = new Set(
  ('address article aside blockquote body br caption center col colgroup dd details dialog dir div dl dt embed fieldset figcaption figure footer form ' +
    'frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html iframe legend li link main menu meta nav noscript object ol option optgroup p param ' +
    'picture pre script section select source style summary table tbody td template textarea tfoot th thead title tr track ul video audio canvas').split(' '),
);
/** Inline elements vanish without a trace, as they do when a browser renders the page. */
const INLINE_TAGS = new Set(
  ('a abbr acronym b bdi bdo big button cite code data del dfn em font i img input ins kbd label mark q s samp small span strike strong sub sup ' +
    'time tt u var wbr').split(' '),
);

const QUOTES = new Set(['"', "'", '«', '»', '‘', '’', '“', '”', '„', '‚', '‹', '›']);

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isAsciiDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHexDigit(c: number): boolean {
  return isAsciiDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** What a decoded character reference leaves in the text: spaces as a space, invisible controls and C0/C1 controls as nothing. */
function cleanDecoded(s: string): string {
  if (s.length !== 1) return s;
  const c = s.charCodeAt(0);
  if (isAnySpace(c) || c === 0x0a || c === 0x0d) return ' ';
  if (isInvisibleFormat(c) || c < 0x20 || (c >= 0x7f && c <= 0x9f)) return '';
  return s;
}

/**
 * Parses a character reference whose `&` stands just before `j`, in `text`. Returns its end and
 * what it decodes to, or undefined.
 */
function parseReference(text: string, j: number): { end: number; value: string; name: string } | undefined {
  const n = text.length;
  if (text.charCodeAt(j) === 0x23 /* # */) {
    let k = j + 1;
    const isHex = text.charCodeAt(k) === 0x78 || text.charCodeAt(k) === 0x58;
    if (isHex) k++;
    const digitsStart = k;
    while (k < n && k - digitsStart < 8 && (isHex ? isHexDigit(text.charCodeAt(k)) : isAsciiDigit(text.charCodeAt(k)))) k++;
    if (k === digitsStart) return undefined;
    const digits = text.slice(digitsStart, k);
    if (text.charCodeAt(k) === 0x3b /* ; */) k++;
    else if (k < n && (isAsciiLetter(text.charCodeAt(k)) || isAsciiDigit(text.charCodeAt(k)))) return undefined;
    let code = parseInt(digits, isHex ? 16 : 10);
    // As browsers do: 0x80–0x9F are read as Windows-1252; nothing invalid is produced.
    if (code >= 0x80 && code <= 0x9f) code = WINDOWS_1252_HIGH.charCodeAt(code - 0x80);
    const value = code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '' : String.fromCodePoint(code);
    return { end: k, value, name: '#' };
  }
  let k = j;
  while (k < n && k - j < 32 && (isAsciiLetter(text.charCodeAt(k)) || isAsciiDigit(text.charCodeAt(k)))) k++;
  if (k === j) return undefined;
  const name = text.slice(j, k);
  const value = Object.prototype.hasOwnProperty.call(ENTITIES, name) ? ENTITIES[name] : undefined;
  if (value === undefined) return undefined;
  if (text.charCodeAt(k) === 0x3b) return { end: k + 1, value, name };
  return LEGACY_NO_SEMICOLON.has(name) ? { end: k, value, name } : undefined;
}

/** An entity at `i` (`text[i] === '&'`), following `&amp;` chains of double encoding. */
function parseEntity(text: string, i: number): HtmlLeftover | undefined {
  let ref = parseReference(text, i + 1);
  if (!ref) return undefined;
  // `&amp;quot;` is `&quot;` encoded twice: the leftover is the whole of it.
  while (ref.name === 'amp' && text.charCodeAt(ref.end - 1) === 0x3b) {
    const inner = parseReference(text, ref.end);
    if (!inner || text.charCodeAt(inner.end - 1) !== 0x3b) break;
    ref = inner;
  }
  const value = cleanDecoded(ref.value);
  return { start: i, end: ref.end, kind: 'entity', replacement: value, quote: QUOTES.has(value) };
}

/**
 * A tag at `i`, opened by `open` (`<`, or `&lt;` when the tag itself was entity-encoded) and
 * closed by `close`. Only real HTML element names count, so `5 < 10` and `a<b` are text.
 */
function parseTag(text: string, i: number, open: string, close: string): HtmlLeftover | undefined {
  const n = text.length;
  let k = i + open.length;
  if (text.charCodeAt(k) === 0x2f /* / */) k++;
  const nameStart = k;
  if (!isAsciiLetter(text.charCodeAt(k))) return undefined;
  while (k < n && k - nameStart < 12 && (isAsciiLetter(text.charCodeAt(k)) || isAsciiDigit(text.charCodeAt(k)))) k++;
  const name = text.slice(nameStart, k).toLowerCase();
  const block = BLOCK_TAGS.has(name);
  if (!block && !INLINE_TAGS.has(name)) return undefined;
  const after = text.charCodeAt(k);
  if (text.startsWith(close, k)) k += close.length;
  else if (after === 0x2f && text.startsWith(close, k + 1)) k += 1 + close.length;
  else if (after === 0x20 || after === 0x09 || after === 0x2f) {
    // Attributes: up to the closing `>` outside quotes, within a bound.
    const limit = Math.min(n, k + 2000);
    let quote = 0;
    let end = -1;
    for (let m = k; m < limit; m++) {
      const c = text.charCodeAt(m);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 0x22 || c === 0x27) quote = c;
      else if (c === close.charCodeAt(0) && text.startsWith(close, m)) {
        end = m + close.length;
        break;
      }
      // Another opener ends the search, quoted or not: a scan never runs past the next tag's start, so the whole line stays linear.
      if (c === open.charCodeAt(0) && text.startsWith(open, m)) break;
    }
    if (end < 0) return undefined;
    k = end;
  } else return undefined;
  return { start: i, end: k, kind: 'tag', replacement: block ? ' ' : '', quote: false };
}

/** An HTML comment `<!-- … -->` at `i`, on one line. */
function parseComment(text: string, i: number): HtmlLeftover | undefined {
  if (!text.startsWith('<!--', i)) return undefined;
  const end = text.indexOf('-->', i + 4);
  return end < 0 ? undefined : { start: i, end: end + 3, kind: 'comment', replacement: '', quote: false };
}

/** The HTML leftovers of a line, in order. Fast when the line has no `&` and no `<`; linear in any case. */
export function findHtmlLeftovers(text: string): HtmlLeftover[] {
  const out: HtmlLeftover[] = [];
  let amp = text.indexOf('&');
  let lt = text.indexOf('<');
  if (amp < 0 && lt < 0) return out;
  /** Where a search for `-->` found none: no comment opened after it can close either. */
  let noCommentCloseFrom = Infinity;
  let from = 0;
  while (amp >= 0 || lt >= 0) {
    const i = amp < 0 ? lt : lt < 0 ? amp : Math.min(amp, lt);
    let found: HtmlLeftover | undefined;
    if (i === lt) {
      if (i < noCommentCloseFrom && text.startsWith('<!--', i)) {
        found = parseComment(text, i);
        if (!found) noCommentCloseFrom = i;
      }
      found ??= parseTag(text, i, '<', '>');
    } else found = (text.startsWith('&lt;', i) ? parseTag(text, i, '&lt;', '&gt;') : undefined) ?? parseEntity(text, i);
    if (found) out.push(found);
    from = found ? found.end : i + 1;
    if (amp >= 0 && amp < from) amp = text.indexOf('&', from);
    if (lt >= 0 && lt < from) lt = text.indexOf('<', from);
  }
  return out;
}

/** Adjacent leftovers, grouped: one finding per group. */
export function groupAdjacent(items: readonly HtmlLeftover[]): HtmlLeftover[][] {
  const groups: HtmlLeftover[][] = [];
  for (const it of items) {
    const last = groups[groups.length - 1];
    if (last && last[last.length - 1]!.end === it.start) last.push(it);
    else groups.push([it]);
  }
  return groups;
}
