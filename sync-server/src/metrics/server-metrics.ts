import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Why a connection was refused before it could sync; the label values of `refused`. */
export type RefusalReason =
  | 'bad-doc-name'
  | 'token-missing'
  | 'token-invalid'
  | 'token-expired'
  | 'token-revoked'
  | 'forbidden'
  | 'rate-limited'
  | 'pre-auth-overflow'
  | 'auth-timeout'
  | 'epoch-changed'
  | 'shutting-down'
  | 'load-failed';

/** Why the server closed a connection it had accepted. */
export type ClosingReason =
  | 'frame-too-large'
  | 'doc-too-large'
  | 'malformed'
  | 'rate-limited'
  | 'token-expired'
  | 'token-revoked'
  | 'access-revoked';

/**
 * The server's Prometheus metrics, in a registry of its own (several servers in one process, as in
 * tests, must not share counters). Labels are bounded enums: no document name, person or address
 * ever becomes a label, so `/metrics` reveals load, not who works on what.
 */
export interface ServerMetrics {
  registry: Registry;
  refused: Counter<'reason'>;
  closed: Counter<'reason'>;
  updates: Counter;
  commitSeconds: Histogram;
  compactions: Counter;
  compactionSeconds: Histogram;
  acks: Counter;
}

/** What the gauges read when scraped. */
export interface MetricSources {
  connections: () => number;
  docsLoaded: () => number;
}

/** Builds the metrics; `processMetrics` adds Node's own (memory, CPU, event loop) for `serve`. */
export function createServerMetrics(sources: MetricSources, processMetrics = false): ServerMetrics {
  const registry = new Registry();
  if (processMetrics) collectDefaultMetrics({ register: registry, prefix: 'firstline_process_' });
  new Gauge({
    name: 'firstline_connections',
    help: 'Open sync connections (accepted, token verified).',
    registers: [registry],
    collect() {
      this.set(sources.connections());
    },
  });
  new Gauge({
    name: 'firstline_docs_loaded',
    help: 'Documents held in memory.',
    registers: [registry],
    collect() {
      this.set(sources.docsLoaded());
    },
  });
  return {
    registry,
    refused: new Counter({
      name: 'firstline_connections_refused_total',
      help: 'Connections refused before syncing, by reason.',
      labelNames: ['reason'],
      registers: [registry],
    }),
    closed: new Counter({
      name: 'firstline_connections_closed_by_server_total',
      help: 'Accepted connections the server closed, by reason.',
      labelNames: ['reason'],
      registers: [registry],
    }),
    updates: new Counter({
      name: 'firstline_updates_committed_total',
      help: 'Document updates committed to the store (rate() gives updates per second).',
      registers: [registry],
    }),
    commitSeconds: new Histogram({
      name: 'firstline_commit_seconds',
      help: 'Time to append one update to the store.',
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
      registers: [registry],
    }),
    compactions: new Counter({
      name: 'firstline_compactions_total',
      help: 'Update logs merged into a snapshot.',
      registers: [registry],
    }),
    compactionSeconds: new Histogram({
      name: 'firstline_compaction_seconds',
      help: 'Time to write one snapshot and drop the updates it covers.',
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers: [registry],
    }),
    acks: new Counter({
      name: 'firstline_save_acks_total',
      help: 'Save acknowledgements sent to clients.',
      registers: [registry],
    }),
  };
}
