import { createInterface } from 'node:readline/promises';

/** Asks on the terminal; only "yes" is a yes, as with terraform apply. */
export async function terminalConfirm(question: string): Promise<boolean> {
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await terminal.question(question)).trim() === 'yes';
  } finally {
    terminal.close();
  }
}
