/** @type {import('next').NextConfig} */
const nextConfig = {
  // server.ts owns the HTTP server; Next only renders the panel and /v1.
  poweredByHeader: false,
  reactStrictMode: true,
  // PGlite ships its own wasm and data files: load it from node_modules at run
  // time instead of bundling it, like pg.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', '@prisma/schema-engine-wasm'],
  // `npm run typecheck` checks the whole tree (server.ts, tests, scripts too);
  // the build need not do it a second time.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
