import { describe, expect, it } from 'vitest';
import { summarizeConnections } from './connection-state.ts';

describe('summarizeConnections', () => {
  it('is synced only when every document is', () => {
    expect(summarizeConnections({ status: 'synced' }, [{ status: 'synced' }])).toEqual({
      status: 'synced',
      saved: false,
    });
    expect(
      summarizeConnections({ status: 'synced' }, [{ status: 'synced' }, { status: 'connecting' }]),
    ).toEqual({ status: 'connecting' });
    expect(summarizeConnections({ status: 'offline' }, [{ status: 'synced' }]).status).toBe(
      'offline',
    );
  });

  it('reports a refused token from any document, but not one refused record', () => {
    const token = { status: 'denied', code: 4401, reason: 'token-expired' } as const;
    expect(summarizeConnections({ status: 'synced' }, [token])).toEqual(token);
    const record = { status: 'denied', code: 4403, reason: 'forbidden' } as const;
    expect(summarizeConnections({ status: 'synced' }, [record])).toEqual({
      status: 'synced',
      saved: false,
    });
    expect(summarizeConnections(record, [])).toEqual(record);
  });

  it('is saved only when every document on the screen is saved', () => {
    const saved = { status: 'synced', saved: true } as const;
    expect(summarizeConnections(saved, [saved]).saved).toBe(true);
    expect(summarizeConnections(saved, [{ status: 'synced' }]).saved).toBe(false);
    expect(summarizeConnections({ status: 'synced' }, [saved]).saved).toBe(false);
    // A record the token may not open does not hold back "saved" for the rest of the screen.
    const record = { status: 'denied', code: 4403, reason: 'forbidden' } as const;
    expect(summarizeConnections(saved, [record]).saved).toBe(true);
  });
});
