// Vue compiles <org-danger-zone> as a custom element, not as a Vue component.
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'org-danger-zone' } } })],
  build: { target: 'es2022', outDir: 'dist' },
});
