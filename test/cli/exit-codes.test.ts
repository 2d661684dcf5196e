// `main` returns an exit code for every refusal, bad option values of subcommands included; it never
// exits the process itself (tests run it in-process, and an exit there ends the test worker).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../pipeline/cli/main.js';

describe('main', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    [['run', '--data', 'x', '--out', 'y', '--horizon', '0'], "expected the horizon as whole days from 1 to 1095, got '0'"],
    [['backtest', '--out', 'y', '--grace', 'soon'], 'expected the grace period as whole days'],
    [['demo', '--partners', '-3'], '-3'],
    [['run', '--data', 'x', '--out', 'y', '--no-such-flag'], "unknown option '--no-such-flag'"],
    [['no-such-command'], "unknown command 'no-such-command'"],
  ])('%j returns 1 with the reason, without process.exit', async (args, reason) => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => {
      throw new Error('process.exit called');
    }) as never);
    let err = '';
    const code = await main(['node', 'partner-health', ...args], { out: () => {}, err: (s) => void (err += s) });
    expect(exit).not.toHaveBeenCalled();
    expect(code).toBe(1);
    expect(err).toContain(reason);
  });
});
