// The host's own Vite config: its API calls (/api/*) go to the danger zone's BFF.
import { defineConfig } from 'vite';

const bff = process.env.BFF_URL ?? 'http://127.0.0.1:8787';

export default defineConfig({
  build: { target: 'es2022' },
  preview: { proxy: { '/api': bff } },
  server: { proxy: { '/api': bff } },
});
