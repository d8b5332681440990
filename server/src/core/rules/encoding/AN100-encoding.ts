import type { EncodingInfo, Rule } from '../rule';
import { text } from '../messages';
import { lineRange, type LocalizedText } from '../../types';

const NAMES_AR: Readonly<Record<EncodingInfo['name'], string>> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1256': 'Windows-1256 (الترميز العربي القديم)',
  'windows-1252': 'Windows-1252 (الترميز اللاتيني الغربي)',
  unknown: 'ترميز غير معروف',
};

const NAMES_EN: Readonly<Record<EncodingInfo['name'], string>> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1256': 'Windows-1256 (the legacy Arabic code page)',
  'windows-1252': 'Windows-1252 (Western European)',
  unknown: 'an unknown encoding',
};

const ICONV: Readonly<Record<EncodingInfo['name'], string>> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
  'windows-1256': 'WINDOWS-1256',
  'windows-1252': 'WINDOWS-1252',
  unknown: 'WINDOWS-1256',
};

/** The message for an encoding that is not clean UTF-8, or undefined when it is. */
export function encodingMessage(e: EncodingInfo): LocalizedText | undefined {
  if (e.name === 'utf-8') {
    const at = e.invalidUtf8At ?? [];
    if (at.length === 0) return undefined;
    const where = at.join(', ');
    return text(
      `The file is UTF-8 with invalid byte sequences (at byte ${where}${at.length >= 5 ? ', …' : ''}): those bytes cannot be read and show as �, so their text is lost. --fix leaves the file alone; restore the text from the original, or re-save the file as UTF-8 from a program that reads it correctly.`,
      `الملف بترميز UTF-8 لكن فيه تسلسلات بايت غير صالحة (عند البايت ${where}${at.length >= 5 ? '، …' : ''}): لا يمكن قراءتها فتظهر �، ويضيع نصها. لا يغيّر ‎--fix هذا الملف؛ استعد النص من أصله، أو احفظ الملف بترميز UTF-8 من برنامج يقرؤه صحيحًا.`,
    );
  }
  const en = NAMES_EN[e.name];
  const ar = NAMES_AR[e.name];
  const bom = e.bom ? ' with a byte-order mark' : '';
  const bomAr = e.bom ? ' مع علامة ترتيب البايتات' : '';
  if (e.name === 'unknown') {
    return text(
      'The file is not UTF-8 and its encoding could not be recognised, so its text may be shown wrongly. --fix leaves it alone; convert it to UTF-8 by hand once you know its encoding.',
      'الملف ليس بترميز UTF-8 وتعذّر التعرّف على ترميزه، فقد يظهر نصه خطأً. لا يغيّر ‎--fix هذا الملف؛ حوّله إلى UTF-8 يدويًا بعد معرفة ترميزه.',
    );
  }
  if (e.confident) {
    return text(
      `The file is encoded as ${en}${bom}, not UTF-8: tools that expect UTF-8 show its Arabic as garbage. arabic-news-lint --fix converts it to UTF-8 without changing its text.`,
      `الملف بترميز ${ar}${bomAr}، لا UTF-8: الأدوات التي تتوقع UTF-8 تعرض عربيته رموزًا مشوّهة. يحوّله ‎arabic-news-lint --fix إلى UTF-8 دون تغيير نصه.`,
    );
  }
  const cmd = `iconv -f ${ICONV[e.name]} -t UTF-8`;
  return text(
    `The file is not UTF-8; it looks like ${en}${bom}, but not surely enough to convert it automatically, so --fix leaves it alone. Check the text, then convert it by hand (for example ${cmd}).`,
    `الملف ليس بترميز UTF-8؛ يبدو بترميز ${ar}${bomAr}، لكن دون يقين يكفي لتحويله آليًا، فلا يغيّره ‎--fix. راجع النص ثم حوّله يدويًا (مثلًا ${cmd}).`,
  );
}

/** AN100: the file's bytes are not clean UTF-8 (a legacy code page, UTF-16, or invalid sequences). */
export const encodingRule: Rule = {
  id: 'AN100',
  name: 'encoding',
  defaultSeverity: 'error',
  tags: ['encoding', 'file'],
  summary: 'The file is not UTF-8 (Windows-1256, UTF-16, …) or has invalid UTF-8 bytes.',
  fixable: false,
  docs: {
    description:
      'A corpus is UTF-8 text. A file saved in the legacy Arabic code page Windows-1256, in UTF-16 (as some Windows editors save "Unicode" text), or in Windows-1252, shows as garbage in every tool that expects UTF-8, and a UTF-8 file with invalid byte sequences has already lost the text of those bytes (they show as U+FFFD). The rule looks at the bytes of the file, so it fires only where the bytes are known: in the command line `arabic-news-lint`, always; in an editor, which hands the server text it has already decoded, not at all. The problem is reported on the first line. A UTF-8 byte-order mark at the start of the file is accepted. This is not a text edit, so there is no quick fix: `arabic-news-lint --fix` converts a file to UTF-8 when its encoding is recognised with confidence (a UTF-16 byte-order mark, or Windows-1256 bytes that all decode to Arabic words), and leaves the others alone with the reason in the message.',
    bad: 'C7 E1 E3 C7 E1 ED C9   (Windows-1256 bytes; a UTF-8 tool shows them as �������)',
    good: 'D8 A7 D9 84 D9 85 D8 A7 D9 84 D9 8A D8 A9   (the same word in UTF-8: المالية)',
  },
  check({ article, encoding }, report) {
    if (!encoding) return;
    const message = encodingMessage(encoding);
    if (!message) return;
    const first = article.lines[0]!;
    report({ range: lineRange(0, article.bom ? 1 : 0, first.text.length), message });
  },
};
