// Open-loop load for latency benchmarks: requests leave on a fixed schedule whatever the answers do,
// and each latency is measured from the moment its request was due, so a stalled client or server
// shows up as latency instead of silently lowering the arrival rate (coordinated omission).
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { percentile, round } from './harness.mjs';

/**
 * Calls `call()` `rate` times a second for `seconds`. `call` resolves `{ ok, kind?, group? }`: `kind`
 * counts outcomes (a status, an error code), `group` splits latencies (first turn / follow-up).
 * Returns latency lists (all and per group), error count and the outcome counts.
 */
export async function openLoop(call, { rate, seconds }) {
  const all = [];
  const groups = {};
  const kinds = {};
  let errors = 0;
  const pending = [];
  const total = Math.round(rate * seconds);
  const started = performance.now();
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      call().then(
        (r) => {
          const ms = performance.now() - due;
          if (r.kind) kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
          if (!r.ok) return void (errors += 1);
          all.push(ms);
          if (r.group) (groups[r.group] ??= []).push(ms);
        },
        (error) => {
          errors += 1;
          const kind = error.cause?.code ?? error.name;
          kinds[kind] = (kinds[kind] ?? 0) + 1;
        },
      ),
    );
  }
  // The rate the requests actually left at (the schedule can slip when the client itself is starved).
  const sentRate = total / Math.max(1e-3, (performance.now() - started) / 1000);
  await Promise.all(pending);
  return { all, groups, kinds, errors, total, sentRate };
}

export function summary(latencies) {
  return { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), p99: round(percentile(latencies, 99)), max: round(percentile(latencies, 100)) };
}

/** CPU time (user + system) the process has used so far, in ms: CPU per request survives a busy machine better than wall time. */
export function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** Samples the process's resident set every `everyMs` until stopped; resolves the highest seen (MiB). */
export function sampleRss(pid, everyMs = 250) {
  let max = 0;
  const read = () => {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (match) max = Math.max(max, Number(match[1]) / 1024);
  };
  read();
  const timer = setInterval(read, everyMs);
  return () => {
    clearInterval(timer);
    read();
    return round(max);
  };
}

/** The 1-minute load average, rounded: recorded beside every figure so a reader can judge the noise. */
export const load1 = () => round(loadavg()[0], 2);
