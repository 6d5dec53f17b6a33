/**
 * Next.js configuration for the chat-topics dashboard (ESM).
 *
 * The dashboard is served by our own Node server (server/main.ts) through `next({ dev: false })`, so nothing here
 * may need network access: no remote images, no Google fonts (system font stacks in app/globals.css).
 * Telemetry is disabled by NEXT_TELEMETRY_DISABLED=1, which the package scripts and bin/chat-topics.js set.
 *
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // No image optimisation service: it would need sharp or a remote loader.
  images: { unoptimized: true },
};

export default nextConfig;
