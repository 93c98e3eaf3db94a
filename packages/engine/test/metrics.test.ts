import test from 'ava';
import { Engine, METRICS_CONTENT_TYPE, metricsReporter, serveMetrics } from '../src/index.js';
import { driftable, registryOf, res, timedKind, until } from './helpers.js';

/** Prometheus text → `name{labels}` → value; comments skipped. */
function parse(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (!m) throw new Error(`bad sample line: ${line}`);
    samples.set(m[1]!, Number(m[2]));
  }
  return samples;
}

const graph = { resources: [res('slow', 'a'), res('slow', 'b'), res('slow', 'bad', {}, { fail: true })], edges: [] };

test('counters, gauges and histograms after a run with two changes and one failure', async (t) => {
  const engine = new Engine({ registry: registryOf(timedKind(5, [])) });
  const metrics = metricsReporter(engine);
  await engine.run(engine.build(graph).graph!, { convergedTimeout: 0 });
  const text = metrics.render();
  const m = parse(text);
  t.is(m.get('mgmt_checks_total{kind="slow"}'), 3);
  t.is(m.get('mgmt_applies_total{kind="slow"}'), 2);
  t.is(m.get('mgmt_failures_total{kind="slow"}'), 1);
  t.is(m.get('mgmt_events_total{kind="slow"}'), undefined);
  t.is(m.get('mgmt_resources{status="converged"}'), 2);
  t.is(m.get('mgmt_resources{status="failed"}'), 1);
  t.is(m.get('mgmt_resources{status="blocked"}'), 0);
  t.is(m.get('mgmt_apply_duration_seconds_count{kind="slow"}'), 2);
  t.is(m.get('mgmt_apply_duration_seconds_bucket{kind="slow",le="+Inf"}'), 2);
  t.is(m.get('mgmt_apply_duration_seconds_bucket{kind="slow",le="60"}'), 2);
  t.true(m.get('mgmt_apply_duration_seconds_sum{kind="slow"}')! > 0);
  t.is(m.get('mgmt_drift_repair_seconds_count'), 0);
  t.regex(text, /^# TYPE mgmt_apply_duration_seconds histogram$/m);
  t.regex(text, /^# TYPE mgmt_checks_total counter$/m);
  t.regex(text, /^# TYPE mgmt_resources gauge$/m);
});

test('serves /metrics over HTTP, times drift repair, and closes when the engine stops', async (t) => {
  const { def, drift } = driftable();
  const engine = new Engine({ registry: registryOf(def) });
  const server = await serveMetrics(engine, { host: '127.0.0.1', port: 0 });
  t.true(server.port > 0);
  t.is(server.url, `http://127.0.0.1:${server.port}/metrics`);
  let settled = 0;
  engine.hooks.converged.tap('t', () => settled++);
  const done = engine.run(engine.build({ resources: [res('disk', 'd')], edges: [] }).graph!);
  await until(() => settled === 1);
  drift('deleted');
  await until(() => settled === 2);

  const r = await fetch(server.url);
  t.is(r.status, 200);
  t.is(r.headers.get('content-type'), METRICS_CONTENT_TYPE);
  const m = parse(await r.text());
  t.is(m.get('mgmt_events_total{kind="disk"}'), 1);
  t.is(m.get('mgmt_applies_total{kind="disk"}'), 2);
  t.is(m.get('mgmt_drift_repair_seconds_count'), 1);
  t.true(m.get('mgmt_drift_repair_seconds_sum')! >= 0);
  t.is((await fetch(`http://127.0.0.1:${server.port}/other`)).status, 404);

  await engine.stop();
  await done;
  await t.throwsAsync(fetch(server.url));
});

test('refuses an address it cannot bind', async (t) => {
  const engine = new Engine({ registry: registryOf(timedKind(1, [])) });
  const first = await serveMetrics(engine, { host: '127.0.0.1', port: 0 });
  t.teardown(() => first.close());
  await t.throwsAsync(serveMetrics(new Engine({ registry: registryOf(timedKind(1, [])) }), { host: '127.0.0.1', port: first.port }), { code: 'EADDRINUSE' });
});
