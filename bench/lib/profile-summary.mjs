// Reads a V8 .cpuprofile and says where the time went: self time by package and by function.

const packageOf = (url) => {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return 'node core';
  const match = url.match(/node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (match) return match[1];
  const own = url.match(/\/(router|packages\/[^/]+|subgraphs\/[^/]+)\/dist\//);
  return own ? `lobby ${own[1]}` : url.replace(/^file:\/\//, '');
};

function table(entries, total, limit) {
  return entries
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, micros]) => `  ${((micros / total) * 100).toFixed(1).padStart(5)}%  ${name}`)
    .join('\n');
}

export function summariseProfile(profile, limit = 25) {
  const intervals = new Map();
  // Each sample's duration is the gap to the next one; attribute it to the sampled node.
  profile.samples.forEach((id, i) => intervals.set(id, (intervals.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
  const byPackage = new Map();
  const byFunction = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const micros = intervals.get(node.id) ?? 0;
    if (!micros) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') continue;
    total += micros;
    const pkg = packageOf(url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
    const key = `${functionName || '(anonymous)'}  ${pkg}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
  }
  return [
    `busy CPU sampled: ${(total / 1000).toFixed(0)} ms`,
    'self time by package:',
    table([...byPackage], total, 15),
    'self time by function:',
    table([...byFunction], total, limit),
  ].join('\n');
}
