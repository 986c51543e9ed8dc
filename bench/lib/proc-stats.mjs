// CPU time and peak memory of a process tree, read from /proc. Summing the tree covers gateways
// that fork workers (Hive Gateway can) as well as single-process ones.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

function readStat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces and parentheses; fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

export function processTree(rootPid) {
  const parents = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat) parents.set(Number(entry), stat.ppid);
  }
  const tree = [rootPid];
  for (let i = 0; i < tree.length; i += 1) {
    for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid);
  }
  return tree;
}

/** user + system CPU milliseconds consumed so far by the tree under rootPid. */
export function cpuMs(rootPid) {
  const ticks = processTree(rootPid).reduce((sum, pid) => sum + (readStat(pid)?.ticks ?? 0), 0);
  return (ticks * 1000) / CLOCK_TICKS;
}

/** Sum of VmHWM (peak resident set) over the tree, in MB. */
export function peakRssMb(rootPid) {
  let kb = 0;
  for (const pid of processTree(rootPid)) {
    try {
      const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
      if (match) kb += Number(match[1]);
    } catch {
      // Exited between listing and reading.
    }
  }
  return kb / 1024;
}
