import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateArticles } from './articles.ts';

/** The file name of article `index`: `000123.txt`, so that a listing sorts in order. */
export const articleFileName = (index: number) => `${String(index).padStart(6, '0')}.txt`;

/** Writes `count` generated articles into `folder`, one file each, holding one article in memory at a time. */
export async function writeArticles(folder: string, count: number, seed: number): Promise<void> {
  await mkdir(folder, { recursive: true });
  let index = 0;
  for (const article of generateArticles(count, seed)) await writeFile(path.join(folder, articleFileName(index++)), article);
}
