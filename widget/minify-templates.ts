/**
 * A build step for the widget's Lit templates: the static text of every `html` and `css` tagged
 * template loses the whitespace a browser would collapse or ignore, and CSS the spaces around its
 * punctuation: the first chunk has a size budget. (Source maps then point at the template's first
 * line for anything inside it.)
 */
import ts from 'typescript';
import type { Plugin } from 'vite';

/**
 * Whitespace runs become one space, and go entirely between two tags: every template here puts
 * such tags in block or flex layout, where that whitespace renders nothing. A static attribute
 * value that is one plain word loses its quotes (`class=row`), as HTML allows; a value with a
 * binding, a space or other punctuation keeps them.
 */
export function minifyHtml(text: string): string {
  return text
    .replace(/>\s+</g, '><')
    .replace(/\s+/g, ' ')
    .replace(/( [\w-]+)="([\w-]+)"(?=[ >])/g, '$1=$2');
}

export function minifyCss(text: string): string {
  return (
    text
      // Comments say why to the next engineer, not to the browser.
      .replace(/\/\*[^]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/ ?([{};,>*]) ?/g, '$1')
      // A sibling combinator before a class, id, attribute or pseudo-class (never calc's `+`, which needs its spaces).
      .replace(/ ([+~]) (?=[.#[:])/g, '$1')
      .replace(/: /g, ':')
      .replace(/;}/g, '}')
      .replace(/([ :(*,])0\./g, '$1.')
      // An attribute selector's value needs no quotes either when it is one word: [type=text].
      .replace(/\[([\w-]+)=(['"])([\w-]+)\2\]/g, '[$1=$3]')
  );
}

export function minifyTemplates(): Plugin {
  return {
    name: 'odz-minify-templates',
    enforce: 'pre',
    apply: 'build',
    transform(code, id) {
      if (!/[\\/]widget[\\/].+\.ts$/.test(id) || !/\b(html|css)`/.test(code)) return null;
      const source = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true);
      const edits: { start: number; end: number; text: string }[] = [];
      const visit = (node: ts.Node) => {
        if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && (node.tag.text === 'html' || node.tag.text === 'css')) {
          const minify = node.tag.text === 'css' ? minifyCss : minifyHtml;
          const t = node.template;
          const parts = ts.isNoSubstitutionTemplateLiteral(t) ? [t] : [t.head, ...t.templateSpans.map((s) => s.literal)];
          for (const part of parts) {
            // Between the backtick or `}` that opens the text and the backtick or `${` that closes it.
            const start = part.getStart(source) + 1;
            const end = part.end - (ts.isTemplateHead(part) || ts.isTemplateMiddle(part) ? 2 : 1);
            edits.push({ start, end, text: minify(code.slice(start, end)) });
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      let out = code;
      for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
      return { code: out, map: null };
    },
  };
}
