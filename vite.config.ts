// Remix through its Vite plugin (the classic compiler is deprecated); every v3 flag is on so
// the move to React Router 7 stays a codemod. See docs/decisions/0002.
import { vitePlugin as remix } from '@remix-run/dev'
import tailwindcss from '@tailwindcss/vite'
import { defineConfig } from 'vite'
import tsconfigPaths from 'vite-tsconfig-paths'
import { zodBrowser } from './vite-plugins/zod-browser.ts'

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

export default defineConfig({
  server: { host: '127.0.0.1' },
  build: { target: 'es2022' },
  // Pre-bundled for the dev server, so a first visit does not hit "outdated optimize dep".
  optimizeDeps: {
    include: [
      '@conform-to/react',
      '@conform-to/zod/v4',
      'zod',
      'i18next',
      'react-i18next',
      'react-dom/client',
      // The figures charts, imported on demand (app/components/figures/echarts-setup.ts).
      'echarts/core',
      'echarts/charts',
      'echarts/components',
      'echarts/renderers',
    ],
  },
  plugins: [
    zodBrowser(),
    tailwindcss(),
    remix({
      ignoredRouteFiles: ['**/*.test.ts', '**/*.test.tsx'],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
    tsconfigPaths(),
  ],
})
