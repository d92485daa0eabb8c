import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { decodeXmlText, scanXml, XmlScanError } from './xml-scan.js';

type Event = ['open', string, Record<string, string>] | ['close', string] | ['text', string];

function scanned(xml: string): Event[] {
  const events: Event[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') events.push(['text', text]);
    text = '';
  };
  scanXml(xml, {
    open: (tag) => {
      flush();
      events.push(['open', tag.name, tag.attributes()]);
    },
    close: (name) => {
      flush();
      events.push(['close', name]);
    },
    text: (t) => {
      text += t;
    },
  });
  return events;
}

/** saxes, a conforming parser, as the oracle. */
function saxesEvents(xml: string): Event[] {
  const events: Event[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') events.push(['text', text]);
    text = '';
  };
  const parser = new SaxesParser();
  const local = (n: string) => n.slice(n.indexOf(':') + 1);
  parser.on('opentag', (tag) => {
    flush();
    events.push(['open', local(tag.name), { ...(tag.attributes as Record<string, string>) }]);
  });
  parser.on('closetag', (tag) => {
    flush();
    events.push(['close', local(tag.name)]);
  });
  parser.on('text', (t) => {
    if (events.length > 0) text += t;
  });
  parser.on('cdata', (t) => {
    text += t;
  });
  parser.write(xml).close();
  return events;
}

/** Characters XML 1.0 allows in a document (tab, newline and carriage return among the controls). */
function xmlChar(code: number): boolean {
  if (code < 0x20) return code === 0x09 || code === 0x0a || code === 0x0d;
  return !(code >= 0xd800 && code <= 0xdfff) && code !== 0xfffe && code !== 0xffff;
}
const textArb = fc.string({ maxLength: 10 }).filter((s) => [...s].every((_, i) => xmlChar(s.charCodeAt(i))));
const escapeXml = (s: string, quote = false) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(quote ? /"/g : /$^/g, '&quot;')
    .replace(/\r/g, '&#13;');
const element: fc.Memo<string> = fc.memo((depth) =>
  fc
    .tuple(
      fc.constantFrom('c', 'x:row', 'v', 't', 'si'),
      fc.array(fc.tuple(fc.constantFrom('r', 's', 't', 'r:id'), textArb), { maxLength: 3 }),
      depth <= 1
        ? fc.array(
            textArb.map((t) => escapeXml(t)),
            { maxLength: 2 },
          )
        : fc.array(
            fc.oneof(
              textArb.map((t) => escapeXml(t)),
              element(depth - 1),
            ),
            { maxLength: 3 },
          ),
    )
    .map(([name, attrs, children]) => {
      const unique = new Map(attrs);
      const attributes = [...unique].map(([k, v]) => ` ${k}="${escapeXml(v, true)}"`).join('');
      return children.length === 0 ? `<${name}${attributes}/>` : `<${name}${attributes}>${children.join('')}</${name}>`;
    }),
);

describe('scanXml', () => {
  it('reports the same elements, attributes and text as a conforming parser', () => {
    fc.assert(
      fc.property(element(3), (xml) => {
        const doc = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<root xmlns:x="urn:x" xmlns:r="urn:r">${xml}</root>`;
        expect(scanned(doc)).toEqual(saxesEvents(doc));
      }),
      { numRuns: 300 },
    );
  });

  it('reads CDATA, comments, single-quoted attributes, ">" inside values and character references', () => {
    const doc = `<!-- head --><a k='v>w' j="&#x4E2D;&#25991;"><!-- skip --><![CDATA[<raw & text>]]>&lt;&amp;&gt;&quot;&apos;</a>`;
    expect(scanned(doc)).toEqual([
      ['open', 'a', { k: 'v>w', j: '中文' }],
      ['text', '<raw & text><&>"\''],
      ['close', 'a'],
    ]);
  });

  it('refuses what is not well-formed, saying where', () => {
    for (const bad of [
      '<a><b></a>',
      '<a>',
      '<a></a><b/>',
      'text<a/>',
      '<a>x & y</a>',
      '<a k="v></a>',
      '',
      '<!DOCTYPE a [<!ENTITY e "x">]><a/>',
    ]) {
      expect(() => scanned(bad), bad).toThrow(XmlScanError);
    }
  });

  it('decodes entities only where present', () => {
    expect(decodeXmlText('plain')).toBe('plain');
    expect(decodeXmlText('&#128512; &amp;amp;')).toBe('😀 &amp;');
  });
});
