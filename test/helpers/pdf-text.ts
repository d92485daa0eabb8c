/**
 * Reads back what a PDF made by pdfkit says, without a PDF library: its document info, the
 * fonts it embeds, and its text page by page. Embedded fonts write glyph ids, not characters,
 * so the text is decoded through each font's ToUnicode map — the same way a viewer's copy and
 * search work. Enough for pdfkit's own output (one content stream per page, Type0 fonts);
 * not a general parser.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

export interface PdfReading {
  info: Record<string, string>;
  /** BaseFont names, e.g. `AZZZZZ+NotoSansHans-Regular`. */
  fonts: string[];
  /** The text of each page, one line per text run. */
  pages: string[];
}

export function readPdf(bytes: Buffer): PdfReading {
  const objects = parseObjects(bytes);
  const trailerInfo = /\/Info (\d+) 0 R/.exec(bytes.toString('latin1'));
  const info = trailerInfo ? parseInfo(objects.get(Number(trailerInfo[1]))?.dict ?? '', objects) : {};
  const fonts = [
    ...new Set([...objects.values()].flatMap((o) => [...o.dict.matchAll(/\/BaseFont \/([^\s/>]+)/g)].map((m) => m[1] as string))),
  ];
  const unicode = new Map<number, Map<number, string>>();
  const toUnicodeOf = (fontRef: number): Map<number, string> => {
    let map = unicode.get(fontRef);
    if (!map) {
      const ref = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontRef)?.dict ?? '');
      map = ref ? parseCmap(objects.get(Number(ref[1]))?.stream?.toString('latin1') ?? '') : new Map();
      unicode.set(fontRef, map);
    }
    return map;
  };
  const pages: string[] = [];
  for (const page of [...objects.values()].filter((o) => /\/Type \/Page\b/.test(o.dict))) {
    const contents = /\/Contents (\d+) 0 R/.exec(page.dict);
    const resources = /\/Resources (\d+) 0 R/.exec(page.dict);
    const fontRefs = new Map<string, number>();
    for (const m of (objects.get(Number(resources?.[1]))?.dict ?? page.dict).matchAll(/\/(F\d+) (\d+) 0 R/g))
      fontRefs.set(m[1] as string, Number(m[2]));
    const content = objects.get(Number(contents?.[1]))?.stream?.toString('latin1') ?? '';
    pages.push(decodeContent(content, (name) => toUnicodeOf(fontRefs.get(name) ?? -1)));
  }
  return { info, fonts, pages };
}

function parseObjects(bytes: Buffer): Map<number, PdfObject> {
  const text = bytes.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const start = /(\d+) 0 obj\n/g;
  for (let m = start.exec(text); m; m = start.exec(text)) {
    const bodyStart = m.index + m[0].length;
    const streamAt = text.indexOf('stream\n', bodyStart);
    const endAt = text.indexOf('endobj', bodyStart);
    if (streamAt !== -1 && streamAt < endAt) {
      const dict = text.slice(bodyStart, streamAt);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? 0);
      const raw = bytes.subarray(streamAt + 7, streamAt + 7 + length);
      const stream = /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
      objects.set(Number(m[1]), { dict, stream });
      start.lastIndex = streamAt + 7 + length;
    } else {
      objects.set(Number(m[1]), { dict: text.slice(bodyStart, endAt), stream: null });
    }
  }
  return objects;
}

/** `/Title 63 0 R` → object 63 holds `(…)`: a literal string, UTF-16BE when it starts with a byte-order mark. */
function parseInfo(dict: string, objects: Map<number, PdfObject>): Record<string, string> {
  const info: Record<string, string> = {};
  for (const m of dict.matchAll(/\/(\w+) (\d+) 0 R/g)) {
    const literal = /^\s*\(((?:\\.|[^\\)])*)\)/s.exec(objects.get(Number(m[2]))?.dict ?? '');
    if (!literal) continue;
    const raw = (literal[1] as string).replace(
      /\\([nrtbf()\\])/g,
      (_, c: string) => ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' })[c] ?? c,
    );
    const bytes = Buffer.from(raw, 'latin1');
    info[m[1] as string] = bytes[0] === 0xfe && bytes[1] === 0xff ? Buffer.from(bytes.subarray(2)).swap16().toString('utf16le') : raw;
  }
  return info;
}

/** pdfkit's ToUnicode: `<start> <end> [<utf16> <utf16> …]` ranges, one entry per glyph id. */
function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const m of cmap.matchAll(/<([0-9a-f]+)> <[0-9a-f]+> \[([^\]]*)\]/gi)) {
    const first = Number.parseInt(m[1] as string, 16);
    // A ligature maps to several code units, written with spaces: `<0066 0069>` is "fi".
    for (const [i, hex] of [...(m[2] as string).matchAll(/<([0-9a-f ]*)>/gi)].entries()) {
      map.set(
        first + i,
        Buffer.from((hex[1] as string).replace(/ /g, ''), 'hex')
          .swap16()
          .toString('utf16le'),
      );
    }
  }
  return map;
}

/** Text runs (`[<0001 0002> 12 <0003>] TJ`) decoded with the font set by the last `/Fn size Tf`. */
function decodeContent(content: string, cmapOf: (font: string) => Map<number, string>): string {
  const lines: string[] = [];
  let cmap = new Map<number, string>();
  for (const m of content.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
    if (m[1]) {
      cmap = cmapOf(m[1]);
      continue;
    }
    let line = '';
    for (const hex of (m[2] as string).matchAll(/<([0-9a-f]*)>/gi)) {
      const glyphs = hex[1] as string;
      for (let i = 0; i < glyphs.length; i += 4) line += cmap.get(Number.parseInt(glyphs.slice(i, i + 4), 16)) ?? '\uFFFD';
    }
    lines.push(line);
  }
  return lines.join('\n');
}
