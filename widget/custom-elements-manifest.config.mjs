/**
 * The custom-elements manifest (dist/custom-elements.json), from the element's class JSDoc.
 * Internal state (`_`-prefixed reactive properties) and events the analyzer cannot name (dispatched
 * through the event classes, which the JSDoc `@fires` tags already document) are left out.
 */
export default {
  globs: ['widget/index.ts', 'widget/org-danger-zone/org-danger-zone.ts', 'widget/events/events.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [
    {
      name: 'odz-public-api-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (!declaration.customElement) continue;
            declaration.attributes = (declaration.attributes ?? []).filter((a) => !a.name.startsWith('_'));
            declaration.members = (declaration.members ?? []).filter((m) => m.privacy !== 'private' && !m.name.startsWith('_') && !m.name.startsWith('#'));
            declaration.events = (declaration.events ?? []).filter((e) => e.name);
          }
        }
      },
    },
  ],
};
