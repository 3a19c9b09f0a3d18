/** CPU time of processes, read from /proc: stable on a shared machine, unlike wall-clock figures. */
import fs from "node:fs";
import os from "node:os";

const tickMs = 1000 / 100; // USER_HZ is 100 on Linux.

/** User + system CPU milliseconds a process has used so far; 0 once it is gone (a crashed instance). */
export function cpuMs(pid: number | undefined): number {
  if (!pid || !fs.existsSync(`/proc/${pid}/stat`)) return 0;
  // Fields after the command name (which may contain spaces): utime and stime are the 12th and 13th.
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * tickMs;
}

export const totalCpuMs = (pids: (number | undefined)[]) => pids.reduce<number>((sum, pid) => sum + cpuMs(pid), 0);

/** Peak resident memory of a process, in MB (VmHWM: the high-water mark since it started); 0 once it is gone. */
export function peakRssMb(pid: number | undefined): number {
  if (!pid || !fs.existsSync(`/proc/${pid}/status`)) return 0;
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/** Resident memory of a process now, in MB (VmRSS); 0 once it is gone. */
export function rssMb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

export const machine = () => ({ cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version });
