import { describe, expect, it } from 'vitest';
import { statusOf } from '../../src/app/feed-status.js';
import type { FeedSourceView } from '../../src/app/knowledge-ports.js';

const now = new Date('2026-12-02T12:00:00Z');
const eol = (view: Partial<FeedSourceView>) =>
  statusOf({ source: 'eol', recordCount: 3, errorCount: 0, ...view }, now);

describe('how old a feed’s data is', () => {
  it('ages dated data by its own date, even after a sync that found it unchanged', () => {
    const status = eol({
      lastSuccessAt: '2026-10-01T00:00:00Z',
      lastAttemptAt: '2026-12-02T06:00:00Z',
      dataDate: '2026-09-30T12:00:00Z',
    });
    expect(status).toMatchObject({ ageDays: 63, stale: true });
  });

  it('ages undated data from the last time the source vouched for it: a later sync that found it unchanged', () => {
    const status = eol({ lastSuccessAt: '2026-10-01T00:00:00Z', lastAttemptAt: '2026-12-02T06:00:00Z' });
    expect(status).toMatchObject({ ageDays: 0.2, stale: false });
    expect(status.staleReason).toBeUndefined();
  });

  it('does not count an attempt that failed as vouching for the data', () => {
    const status = eol({
      lastSuccessAt: '2026-10-01T00:00:00Z',
      lastAttemptAt: '2026-12-02T06:00:00Z',
      lastError: 'endoflife.date: 503',
    });
    expect(status).toMatchObject({ ageDays: 62.5, stale: true });
  });

  it('ages undated data from its import when nothing came after it', () => {
    const at = '2026-11-30T12:00:00Z';
    expect(eol({ lastSuccessAt: at, lastAttemptAt: at })).toMatchObject({ ageDays: 2, stale: false });
  });

  it('calls a feed never imported stale, whatever was attempted', () => {
    expect(eol({ lastAttemptAt: '2026-12-02T06:00:00Z', lastError: 'refused' })).toMatchObject({
      stale: true,
      staleReason: 'never imported',
    });
  });
});
