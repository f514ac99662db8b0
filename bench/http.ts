/**
 * `npm run bench:http -- --dialect sqlite|postgres --connections 10,100 --seconds 15 [--workers 1,2]
 *  [--timeout 10] [--allow-timeouts]`
 *
 * Load test of the pages a ward uses at handover. Prepares a database with the demo organisation
 * (bench/http-setup.ts), starts `hearth serve --workers N` and, in the same run, a bare Fastify
 * route on the same Node, signs in over the real form, then drives each page with autocannon:
 * the nurse's home page, a person's plan at a glance (which writes an audit event), the force
 * dashboards, a plan save (a POST with the CSRF token; each connection saves its own person's
 * plan, so saves never conflict) and the language check page. Every response is checked: the
 * right status and a marker that only the right page has; anything else counts as an error.
 *
 * Prints a table on stderr, then one JSON line per worker count on stdout. The last line is for
 * the last worker count given (by default all cores) and holds the keys the issue names.
 *
 * Errors are wrong answers, socket errors, timeouts (`--timeout`, 10 s) and runs in which no
 * request finished at all (a page measured as 0 requests a second is a failure, not a figure).
 * Any error makes the exit status 1. `--allow-timeouts` (for the brief run in the tests, on a
 * machine that may be very busy) still counts timeouts but prints them as a warning and leaves
 * them out of the exit status; wrong answers and socket errors always fail.
 */
import os from 'node:os';
import autocannon from 'autocannon';
import type { Request as CannonRequest } from 'autocannon';
import { getPage, prepareDatabase, signIn, startBare, startHearth } from './http-setup.ts';
import type { SignedIn } from './http-setup.ts';

const args = process.argv.slice(2);
function arg(name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return (i >= 0 ? args[i + 1] : undefined) ?? fallback;
}
function list(value: string): number[] {
  const out = value.split(',').map((v) => Number(v.trim()));
  if (out.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`Not a list: ${value}`);
  return out;
}
const dialect = arg('dialect', 'sqlite');
if (dialect !== 'sqlite' && dialect !== 'postgres') throw new Error('--dialect sqlite|postgres');
const connections = list(arg('connections', '10,100'));
const seconds = Number(arg('seconds', '15'));
const timeoutSeconds = Number(arg('timeout', '10'));
const allowTimeouts = args.includes('--allow-timeouts');
const cores = os.availableParallelism();
const workerCounts = list(arg('workers', cores > 1 ? `1,${cores}` : '1'));
const pgAdmin =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:hearth-ci@127.0.0.1:5432/postgres';

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

/** What one autocannon run measured. */
interface Measured {
  rps: number;
  p50: number;
  p99: number;
  max: number;
  /** Wrong answers, socket errors, timeouts, and 1 if no request finished at all. */
  errors: number;
  timeouts: number;
}

/** Runs autocannon on one request shape; `check` says whether a response is the right page. */
async function measure(
  baseUrl: string,
  conns: number,
  request: CannonRequest,
  check: (status: number, body: string) => boolean,
): Promise<Measured> {
  let wrong = 0;
  const result = await autocannon({
    url: baseUrl,
    connections: conns,
    duration: seconds,
    timeout: timeoutSeconds,
    requests: [
      {
        ...request,
        onResponse: (status: number, body: string, context: object, headers) => {
          if (!check(status, body)) {
            // The first wrong answers are shown, so an error count can be explained.
            if (wrong++ < 3)
              log(`  wrong answer ${status}: ${body.replace(/\s+/g, ' ').slice(0, 300)}`);
          }
          if (typeof request.onResponse === 'function')
            request.onResponse(status, body, context, headers);
        },
      },
    ],
  });
  // autocannon's `errors` includes its timeouts; they are reported apart here.
  const socketErrors = result.errors - result.timeouts;
  if (socketErrors > 0) log(`  ${socketErrors} socket error(s)`);
  if (result.timeouts > 0) {
    log(`  ${allowTimeouts ? 'warning: ' : ''}${result.timeouts} request(s) timed out`);
  }
  // Nothing finished: the figures would read 0 requests a second, which is a fault, not a speed.
  const unfinished = result.requests.total === 0 ? 1 : 0;
  if (unfinished) {
    log(`  error: no request to ${request.path ?? '(set-up)'} finished in ${seconds} s`);
  }
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: wrong + socketErrors + result.timeouts + unfinished,
    timeouts: result.timeouts,
  };
}

const page = (path: string, who: SignedIn): CannonRequest => ({
  method: 'GET',
  path,
  headers: { cookie: who.cookie },
});
const okWith = (marker: string) => (status: number, body: string) =>
  status === 200 && body.includes(marker);

async function runWorkers(
  db: Awaited<ReturnType<typeof prepareDatabase>>,
  workers: number,
  bareRps: Record<number, number>,
) {
  const hearth = await startHearth(db, workers);
  try {
    const base = hearth.baseUrl;
    const nurse = await signIn(base, 'jo@demo.hearth.test');
    const manager = await signIn(base, 'tom@demo.hearth.test');
    const maxConns = Math.max(...connections);
    const savers: SignedIn[] = [];
    for (const email of db.savers.slice(0, maxConns)) savers.push(await signIn(base, email));
    const planList = await getPage(base, nurse, '/plans');
    const planId = /href="\/plans\/([\w-]{20,})"/.exec(planList)?.[1];
    if (!planId) throw new Error('The nurse has no plan shared with them in the demo');

    // A save takes a person nobody is saving for at that moment and gives them back with the
    // answer (autocannon clears a connection's context between requests), so two saves of one
    // plan never race and every version sent is the current one.
    const savedVersions = new Map<string, number>();
    let idle: SignedIn[] = [];
    const busy = new Map<SignedIn, number>();
    let saveCount = 0;
    const save: CannonRequest = {
      method: 'POST',
      path: '/my-plan',
      setupRequest: (req, context) => {
        // A request that timed out never answers: its person is the one waiting longest.
        const who = idle.pop() ?? [...busy].sort((a, b) => a[1] - b[1])[0]?.[0];
        if (!who) throw new Error('More save connections than people to save for');
        busy.set(who, Date.now());
        (context as { who?: SignedIn }).who = who;
        saveCount++;
        const body = new URLSearchParams({
          _csrf: who.csrf,
          version: String(savedVersions.get(who.cookie) ?? 0),
          wellText: `Calm, and out walking most days (${saveCount})`,
        }).toString();
        return {
          ...req,
          headers: {
            cookie: who.cookie,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body,
        };
      },
      onResponse: (status, _body, context) => {
        const who = (context as { who?: SignedIn }).who;
        if (!who) return;
        if (status === 303) savedVersions.set(who.cookie, (savedVersions.get(who.cookie) ?? 0) + 1);
        if (busy.delete(who)) idle.push(who);
      },
    };
    const targets: {
      key: string;
      request: CannonRequest;
      check: (status: number, body: string) => boolean;
      prepare?: () => Promise<void>;
    }[] = [
      { key: 'home', request: page('/', nurse), check: okWith('Sam Taylor') },
      {
        key: 'glance',
        request: page(`/plans/${planId}/at-a-glance`, nurse),
        check: okWith(': at a glance'),
      },
      {
        key: 'dashboard',
        request: page('/force/dashboards', manager),
        check: okWith('</html>'),
      },
      {
        key: 'save',
        request: save,
        check: (status: number) => status === 303,
        // A save still in flight when the last run ended may have moved a version on.
        prepare: async () => {
          idle = [...savers];
          busy.clear();
          for (const who of savers) {
            const form = await getPage(base, who, '/my-plan/edit');
            savedVersions.set(who.cookie, Number(/name="version" value="(\d+)"/.exec(form)?.[1]));
          }
        },
      },
      {
        key: 'language',
        request: page('/check-my-writing', nurse),
        check: okWith('name="text"'),
      },
    ];
    const figures: Record<string, Measured> = {};
    for (const conns of connections) {
      for (const t of targets) {
        await t.prepare?.();
        // One request first, so a run measures the page as it is served all day: the first view
        // of the dashboards draws every chart (over a second) and a brief run could end before it.
        if (conns === connections[0] && t.request.method === 'GET' && t.request.path) {
          const headers = (t.request.headers ?? {}) as Record<string, string>;
          await fetch(`${base}${t.request.path}`, { headers }).then((r) => r.arrayBuffer());
        }
        const m = await measure(base, conns, t.request, t.check);
        // Requests still in flight when a run ends must not slow the next run.
        await fetch(`${base}/healthz`).then((r) => r.text());
        figures[`${t.key}_${conns}`] = m;
        log(
          `${String(workers).padStart(2)} worker(s) ${t.key.padEnd(10)} ${String(conns).padStart(3)} conns: ` +
            `${String(m.rps).padStart(6)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  max ${m.max} ms  errors ${m.errors}` +
            `  (${((100 * m.rps) / (bareRps[conns] ?? 1)).toFixed(2)}% of bare)`,
        );
      }
    }
    return figures;
  } finally {
    await hearth.stop();
  }
}

const db = await prepareDatabase(dialect, Math.max(...connections), pgAdmin);
const bare = await startBare();
try {
  log(
    `bench:http on ${dialect}, ${cores} core(s), load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; ${seconds} s per run`,
  );
  const bareRps: Record<number, number> = {};
  let failures = 0;
  for (const conns of connections) {
    const m = await measure(bare.baseUrl, conns, { method: 'GET', path: '/' }, okWith('bare'));
    bareRps[conns] = m.rps;
    failures += m.errors - (allowTimeouts ? m.timeouts : 0);
    log(`bare route ${String(conns).padStart(3)} conns: ${m.rps} req/s  p99 ${m.p99} ms`);
  }
  const lines: string[] = [];
  for (const workers of workerCounts) {
    const f = await runWorkers(db, workers, bareRps);
    for (const m of Object.values(f)) failures += m.errors - (allowTimeouts ? m.timeouts : 0);
    const get = (key: string) =>
      f[key] ?? { rps: 0, p50: 0, p99: 0, max: 0, errors: 0, timeouts: 0 };
    const low = Math.min(...connections);
    const high = Math.max(...connections);
    const bareLow = bareRps[low] ?? 0;
    lines.push(
      JSON.stringify({
        dialect,
        workers,
        seconds,
        load_average: Number(os.loadavg()[0]?.toFixed(2)),
        bare_rps: bareLow,
        home_rps_10: get(`home_${low}`).rps,
        home_p99_ms_100: get(`home_${high}`).p99,
        glance_rps_10: get(`glance_${low}`).rps,
        glance_p99_ms_100: get(`glance_${high}`).p99,
        dashboard_p99_ms_100: get(`dashboard_${high}`).p99,
        save_rps_10: get(`save_${low}`).rps,
        language_rps_10: get(`language_${low}`).rps,
        errors: Object.values(f).reduce((n, m) => n + m.errors, 0),
        timeouts: Object.values(f).reduce((n, m) => n + m.timeouts, 0),
        ratio_home_vs_bare: bareLow ? Number((get(`home_${low}`).rps / bareLow).toFixed(4)) : 0,
        ratio_glance_vs_bare: bareLow ? Number((get(`glance_${low}`).rps / bareLow).toFixed(4)) : 0,
      }),
    );
  }
  for (const line of lines) process.stdout.write(`${line}\n`);
  if (failures > 0) {
    log(`bench:http failed: ${failures} error(s); the first wrong answers are shown above.`);
    process.exitCode = 1;
  }
} finally {
  await bare.stop();
  await db.drop();
}
