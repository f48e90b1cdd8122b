/**
 * Loads the demo's own knowledge base (demo/knowledge.ts) so that the demo shows findings without a
 * network: its feeds are written as files under `dir` and imported by importFeed, exactly as files carried
 * into an air-gapped hospital are. Loading it again changes nothing (the records hash to what is held).
 * KEV and EPSS imports replace the whole catalogue, so they are left alone once the real feeds were loaded
 * into the same database: the demo never shrinks real data.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { demoKnowledgeFeeds } from './demo/knowledge-feeds.js';
import { importFeed } from './import-feed.js';
import type { FeedRunRecord, FeedSourceName, KnowledgeStore } from './knowledge-ports.js';

export type DemoKnowledgeResult = Partial<Record<'osv' | 'nvd' | 'kev' | 'epss' | 'eol', FeedRunRecord>>;

export async function loadDemoKnowledge(store: KnowledgeStore, dir: string): Promise<DemoKnowledgeResult> {
  const feeds = demoKnowledgeFeeds();
  await rm(dir, { recursive: true, force: true });
  for (const file of [...feeds.osv, ...feeds.eol, feeds.nvd, feeds.kev, feeds.epss]) {
    const path = join(dir, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.text);
  }
  const realFeeds = new Set(
    (await store.listFeedSources())
      .filter((s) => s.documentName !== undefined && !s.documentName.startsWith(dir))
      .map((s) => s.source),
  );
  const load = (source: FeedSourceName, path: string) => importFeed(store, { source, path: join(dir, path) });
  return {
    nvd: await load('nvd', feeds.nvd.path),
    osv: await load('osv', 'osv'),
    eol: await load('eol', 'eol'),
    ...(realFeeds.has('kev') ? {} : { kev: await load('kev', feeds.kev.path) }),
    ...(realFeeds.has('epss') ? {} : { epss: await load('epss', feeds.epss.path) }),
  };
}
