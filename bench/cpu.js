// CPU time of a server under load, read from the kernel's own accounting of its process (and of
// its cluster workers, when it has any): /proc/<pid>/stat utime + stime, the same counters
// `process.cpuUsage()` reads inside the process, but readable from the runner for any child (the
// API, the floor, a cluster primary and its workers) without touching their code.
// Linux only: elsewhere `cpuTimeMs` returns undefined and the reports say "–".
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

let ticksPerSecond;
function clockTicks() {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

function ownTicks(pid) {
  // The command name (field 2) is in parentheses and may hold spaces: split after its last ')'.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat(5))
}

function childrenOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** CPU time (user + system, ms) used so far by `pid` and its living children (cluster workers). */
export function cpuTimeMs(pid) {
  if (process.platform !== 'linux' || !pid) return undefined;
  try {
    let ticks = ownTicks(pid);
    for (const child of childrenOf(pid)) {
      try {
        ticks += ownTicks(child);
      } catch {
        // a worker that just exited
      }
    }
    return (ticks * 1000) / clockTicks();
  } catch {
    return undefined;
  }
}
