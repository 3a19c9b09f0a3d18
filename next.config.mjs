import path from "node:path";
import { GenerateSW } from "workbox-webpack-plugin";

/**
 * The service worker: precaches the hashed static assets, the offline page, the manifest and icons;
 * page navigations always go to the network (they are personal or live) and fall back to the offline
 * page without one; API calls are never touched.
 */
function serviceWorker(buildId) {
  const revision = buildId;
  return new GenerateSW({
    swDest: path.join(import.meta.dirname, "public", "sw.js"),
    inlineWorkboxRuntime: true,
    mode: "production",
    sourcemap: false,
    skipWaiting: true,
    clientsClaim: true,
    cleanupOutdatedCaches: true,
    // Only files under static/ are served at /_next/static; anything else in the build would 404.
    include: [/^static\//],
    exclude: [/\.map$/, /\.txt$/],
    dontCacheBustURLsMatching: /^\/_next\/static\//,
    maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
    additionalManifestEntries: [
      "/offline",
      "/manifest.webmanifest",
      "/icon.svg",
      "/icons/icon-192.png",
      "/icons/icon-512.png",
      "/icons/maskable-512.png",
    ].map((url) => ({ url, revision })),
    runtimeCaching: [
      {
        urlPattern: ({ request }) => request.mode === "navigate",
        handler: "NetworkOnly",
        options: { precacheFallback: { fallbackURL: "/offline" } },
      },
    ],
  });
}

const development = process.env.NODE_ENV === "development";

// Every page and API response carries these, whichever proxy (or none) is in front. Scripts allow
// 'unsafe-inline' for Next's inline bootstrap: nonces would force every page to render per request.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // The scanner needs the camera, on our own origin only.
  { key: "Permissions-Policy", value: "camera=(self), microphone=(), geolocation=(), payment=()" },
  { key: "X-Frame-Options", value: "DENY" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
  // nginx compresses (and serves precompressed static files); compressing twice wastes CPU.
  compress: process.env.NEXT_COMPRESS === "true",
  // Build-only packages that workbox pulls in must not be copied into the standalone server.
  outputFileTracingExcludes: {
    "*": [
      "node_modules/webpack/**",
      "node_modules/terser/**",
      "node_modules/@webassemblyjs/**",
      "node_modules/caniuse-lite/**",
      "node_modules/@swc/core*/**",
      "node_modules/typescript/**",
      "node_modules/@electric-sql/**",
      "node_modules/lighthouse/**",
      "node_modules/playwright*/**",
      "node_modules/@playwright/**",
    ],
  },
  serverExternalPackages: ["pg", "@prisma/client", "@prisma/adapter-pg"],
  headers: async () => [{ source: "/:path*", headers: securityHeaders }],
  webpack(config, { isServer, dev, buildId }) {
    if (!isServer && !dev) config.plugins.push(serviceWorker(buildId));
    return config;
  },
};

export default nextConfig;
