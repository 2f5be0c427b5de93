import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Placeholder until the generator lands. */
export async function writeArticles(dir: string, count: number, seed: number): Promise<void> {
  const seeds = ['Mark Rutte', 'Sigrid Kaag', 'Wopke Hoekstra'];
  for (let i = 0; i < count; i++) {
    const folder = path.join(dir, `batch-${String(Math.floor(i / 1000)).padStart(3, '0')}`);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, `${String(i).padStart(6, '0')}.txt`), ` date 2023-03 ${seeds[i % 3]} sprak vrijdag in Utrecht met Jan Jansen${i}x over de begroting. Volgens De Vries${seed}${i} is dat goed. `.repeat(12));
  }
}
