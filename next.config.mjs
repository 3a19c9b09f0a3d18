/** @type {import('next').NextConfig} */
const nextConfig = {
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
  // nginx compresses (and serves precompressed static files); compressing twice wastes CPU.
  compress: process.env.NEXT_COMPRESS === "true",
  // Build-only packages that workbox pulls in must not be copied into the standalone server.
  outputFileTracingExcludes: {
    "*": ["node_modules/webpack/**", "node_modules/terser/**", "node_modules/@webassemblyjs/**", "node_modules/caniuse-lite/**", "node_modules/@swc/core*/**", "node_modules/typescript/**", "node_modules/@electric-sql/**"],
  },
  serverExternalPackages: ["pg", "@prisma/client", "@prisma/adapter-pg"],
};

export default nextConfig;
