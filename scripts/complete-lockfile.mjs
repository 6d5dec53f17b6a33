#!/usr/bin/env node
// Adds lockfile entries for platform-specific optional dependencies that npm could not resolve.
//
// Why: the npm registry this project is developed against serves Next's Linux SWC binaries but not the macOS and
// Windows ones, so `npm install` writes a package-lock.json without them, and `npm ci` then refuses the lock
// ("Missing: @next/swc-darwin-arm64@ from lock file"). An entry with the package's os/cpu lets `npm ci` skip it
// on Linux and fetch it by name and version elsewhere. Run after any `npm install` that rewrites the lock.
import fs from 'node:fs';

const PLATFORMS = {
  'darwin-arm64': { os: ['darwin'], cpu: ['arm64'] },
  'darwin-x64': { os: ['darwin'], cpu: ['x64'] },
  'win32-arm64-msvc': { os: ['win32'], cpu: ['arm64'] },
  'win32-x64-msvc': { os: ['win32'], cpu: ['x64'] },
};

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const added = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (lock.packages[key] || lock.packages[`${path}/${key}`]) continue;
    const platform = Object.entries(PLATFORMS).find(([suffix]) => dep.endsWith(suffix));
    if (!platform)
      throw new Error(`${dep}@${version} (wanted by ${path}) is missing from the lock and its platform is unknown`);
    lock.packages[key] = { version, ...platform[1], optional: true };
    added.push(`${dep}@${version}`);
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(added.length ? `added to package-lock.json: ${added.join(', ')}` : 'package-lock.json already complete');
