/**
 * `npx tsx bench/summarize-cpu-profile.ts <file.cpuprofile> [top]`: self time by function and by
 * package/folder, to see where a target's CPU per request goes (profiles come from `--cpu-prof`).
 */
import { readFile } from 'node:fs/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export function summarizeProfile(profile: CpuProfile, top: number): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const micros = profile.timeDeltas[index] ?? 0;
    const frame = byId.get(id)?.callFrame;
    if (frame === undefined) return;
    total += micros;
    const where = frame.url.replace(/^file:\/\//, '').replace(/^.*\/work\/main\//, '');
    const name = `${frame.functionName || '(anonymous)'} ${where ? `${where}:${frame.lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
    byArea.set(areaOf(frame.functionName, where), (byArea.get(areaOf(frame.functionName, where)) ?? 0) + micros);
  });
  const render = (title: string, table: Map<string, number>, limit: number): string[] => [
    title,
    ...[...table.entries()]
      .sort((left, right) => right[1] - left[1])
      .slice(0, limit)
      .map(([name, micros]) => `${((100 * micros) / Math.max(1, total)).toFixed(1).padStart(5)}%  ${name}`),
  ];
  return [...render('Self time by area:', byArea, 15), '', ...render(`Top ${top} functions by self time:`, byFunction, top)].join('\n');
}

function areaOf(functionName: string, where: string): string {
  if (where === '') return functionName.startsWith('(') ? functionName : '(native)';
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where);
  if (inModules?.[1] !== undefined) return inModules[1];
  if (where.startsWith('node:')) return where.split(/[/:]/).slice(0, 2).join(':');
  return where.split('/').slice(0, 2).join('/');
}

async function main(): Promise<void> {
  const [file, topText] = process.argv.slice(2);
  if (file === undefined) throw new Error('usage: npx tsx bench/summarize-cpu-profile.ts <file.cpuprofile> [top]');
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  console.log(summarizeProfile(profile, Number(topText ?? 30)));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
