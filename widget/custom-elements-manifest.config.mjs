/**
 * The custom-elements manifest (dist/widget/custom-elements.json), from the element's class JSDoc,
 * and the editors' data derived from it: VS Code's HTML custom data and JetBrains' web-types.
 * Internal state (`_`-prefixed reactive properties) and events the analyzer cannot name
 * (dispatched through the event classes, which the JSDoc `@fires` tags already document) are
 * left out.
 */
import { writeFileSync } from 'node:fs';

const OUT = 'dist/widget';

/** VS Code's `html.customData` format (version 1.1). */
function vscodeData(elements) {
  return {
    $schema: 'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json',
    version: 1.1,
    tags: elements.map((e) => ({
      name: e.tagName,
      description: [e.summary, e.description].filter(Boolean).join('\n\n'),
      attributes: (e.attributes ?? []).map((a) => ({ name: a.name, description: a.description ?? '' })),
    })),
  };
}

/** JetBrains' web-types (IntelliJ, WebStorm). */
function webTypes(elements, pkg) {
  return {
    $schema: 'https://raw.githubusercontent.com/JetBrains/web-types/master/schema/web-types.json',
    name: pkg.name,
    version: pkg.version,
    'description-markup': 'markdown',
    contributions: {
      html: {
        elements: elements.map((e) => ({
          name: e.tagName,
          description: e.summary ?? e.description ?? '',
          attributes: (e.attributes ?? []).map((a) => ({ name: a.name, description: a.description ?? '', value: { type: a.type?.text ?? 'string' } })),
          js: {
            properties: (e.members ?? []).filter((m) => m.kind === 'field' && !m.static).map((m) => ({ name: m.name, description: m.description ?? '' })),
            events: (e.events ?? []).map((ev) => ({ name: ev.name, description: ev.description ?? '' })),
          },
          css: {
            parts: (e.cssParts ?? []).map((p) => ({ name: p.name, description: p.description ?? '' })),
            properties: (e.cssProperties ?? []).map((p) => ({ name: p.name, description: p.description ?? '' })),
          },
        })),
      },
    },
  };
}

export default {
  globs: ['widget/org-danger-zone/org-danger-zone.ts', 'widget/events/*.ts', 'widget/index.ts'],
  outdir: OUT,
  litelement: true,
  plugins: [
    {
      name: 'odz-public-api-only',
      packageLinkPhase({ customElementsManifest }) {
        const elements = [];
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (!declaration.customElement) continue;
            declaration.attributes = (declaration.attributes ?? []).filter((a) => !a.name.startsWith('_'));
            declaration.members = (declaration.members ?? []).filter((m) => m.privacy !== 'private' && !m.name.startsWith('_') && !m.name.startsWith('#'));
            declaration.events = (declaration.events ?? []).filter((e) => e.name);
            declaration.tagName ??= 'org-danger-zone';
            elements.push(declaration);
          }
        }
        const pkg = { name: 'org-danger-zone', version: '0.1.0' };
        writeFileSync(`${OUT}/vscode.html-custom-data.json`, `${JSON.stringify(vscodeData(elements), null, 2)}\n`);
        writeFileSync(`${OUT}/web-types.json`, `${JSON.stringify(webTypes(elements, pkg), null, 2)}\n`);
      },
    },
  ],
};
