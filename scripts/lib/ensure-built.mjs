// Compiles the project when a file under src/ is newer than `entry` (or `entry` is missing), so the
// CLI and the evaluation run the same compiled code as the service without a manual build step.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestSource(dir) {
  let newest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    newest = Math.max(newest, item.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function ensureBuilt(root, entry) {
  const src = join(root, 'src');
  if (!existsSync(src) || (existsSync(entry) && newestSource(src) <= statSync(entry).mtimeMs)) return;
  process.stderr.write('Compiling (sources changed since the last build)...\n');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
