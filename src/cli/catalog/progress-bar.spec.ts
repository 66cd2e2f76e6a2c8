import { ProgressBar } from './progress-bar';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, write: (text: string) => writes.push(text) } as unknown as NodeJS.WriteStream, writes };
}

describe('ProgressBar', () => {
  it('draws on a terminal, ending with the full count and a newline', () => {
    const { stream, writes } = fakeStream(true);
    const bar = new ProgressBar('importing', stream);
    bar.update(0, 4);
    bar.update(4, 4);
    bar.done();
    expect(writes[0]).toBe(`\rimporting [${'-'.repeat(30)}] 0/4`);
    expect(writes[1]).toBe(`\rimporting [${'#'.repeat(30)}] 4/4`);
    expect(writes[2]).toBe('\n');
  });

  it('writes nothing when stderr is not a terminal', () => {
    const { stream, writes } = fakeStream(false);
    const bar = new ProgressBar('importing', stream);
    bar.update(1, 2);
    bar.status('1 page');
    bar.done();
    expect(writes).toEqual([]);
  });
});
