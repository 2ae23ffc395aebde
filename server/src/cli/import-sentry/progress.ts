/** A bar per project on stderr, redrawn in place; nothing at all when stderr is not a terminal. */
export function createProgress(stream: NodeJS.WriteStream = process.stderr) {
  const enabled = stream.isTTY === true;
  const width = 20;
  return {
    enabled,
    /** `done` of `total` steps of this project, and what it is doing now. */
    show(project: string, done: number, total: number, label: string): void {
      if (!enabled) return;
      const filled = Math.round((width * Math.min(done, total)) / Math.max(total, 1));
      stream.write(`\r\x1b[2K[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${project}  ${label}`);
    },
    finish(project: string, outcome: string): void {
      if (!enabled) return;
      stream.write(`\r\x1b[2K[${"#".repeat(width)}] ${project}  ${outcome}\n`);
    },
  };
}
