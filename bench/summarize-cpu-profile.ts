/**
 * `npx tsx bench/summarize-cpu-profile.ts <file.cpuprofile> [top]`: self time by function and by
 * package/folder, to see where a target's CPU per request goes (profiles come from `--cpu-prof`).
 * With `--requests N --floor <floor.cpuprofile>[,<another>] --floor-requests M` it prints instead the
 * main thread's busy time per request by area for the engine and the floor side by side, and the difference.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { areaOf, compareAreas, type CpuProfile } from './cpu-profile-areas';

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
    const area = areaOf(frame);
    byArea.set(area, (byArea.get(area) ?? 0) + micros);
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

async function readProfile(file: string): Promise<CpuProfile> {
  return JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { requests: { type: 'string' }, floor: { type: 'string' }, 'floor-requests': { type: 'string' } },
  });
  const [file, topText] = positionals;
  if (file === undefined) throw new Error('usage: npx tsx bench/summarize-cpu-profile.ts <file.cpuprofile> [top] [--requests N --floor <files,> --floor-requests M]');
  if (values.floor === undefined) {
    console.log(summarizeProfile(await readProfile(file), Number(topText ?? 30)));
    return;
  }
  const requests = Number(values.requests);
  const floorRequests = Number(values['floor-requests']);
  if (!(requests > 0) || !(floorRequests > 0)) throw new Error('--floor needs --requests and --floor-requests (the requests each profile served)');
  const floors = await Promise.all(values.floor.split(',').map(readProfile));
  console.log(compareAreas({ profiles: [await readProfile(file)], requests }, { profiles: floors, requests: floorRequests }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
