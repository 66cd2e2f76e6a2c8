import { impliedNeeds } from './implied-needs';
import { IMPLIED_TERM_WEIGHT, understandQuery } from './query-understanding';

describe('implied needs', () => {
  it('finds the steps a request needs without naming them', () => {
    expect(impliedNeeds('Check the train tickets from Beijing to Shanghai on next Wednesday.')).toEqual(['current date time']);
    expect(impliedNeeds('I want to buy a 27-inch monitor, recommend some with prices and links')).toEqual(['browser automation navigate web page']);
    expect(impliedNeeds('Summarise https://www.youtube.com/watch?v=abc for me')).toEqual(['video transcript']);
    expect(impliedNeeds("Read people.xlsx and tell me Anna's BMI")).toEqual(['calculator evaluate math expression']);
    expect(impliedNeeds("Show me today's trending topics in gaming")).toEqual(['current date time', 'trending hot topics news list']);
  });

  it('leaves tool-level requests alone', () => {
    for (const text of ['List tables in the database', 'Create a GitHub issue', 'Get the last 10 logs of a pod', 'Buy more time for the build']) {
      expect(impliedNeeds(text)).toEqual([]);
    }
  });

  it('adds each need as a marked clause whose words barely count in the whole request', () => {
    const q = understandQuery('Find train tickets for next Friday');
    const implied = q.parts.filter((p) => p.implied);
    expect(implied.map((p) => p.text)).toEqual(['current date time']);
    expect(q.parts.filter((p) => !p.implied).map((p) => p.text)).toEqual(['Find train tickets for next Friday']);
    expect(q.terms.find((t) => t.term === 'date')?.weight).toBe(IMPLIED_TERM_WEIGHT);
    expect(q.terms.find((t) => t.term === 'train')?.weight).toBe(1);
  });

  it('keeps a word the user said at full weight and can be switched off', () => {
    expect(understandQuery('What time is it tomorrow in Tokyo').terms.find((t) => t.term === 'time')?.weight).toBe(1);
    const off = understandQuery('Find train tickets for next Friday', undefined, { implied: false });
    expect(off.parts).toHaveLength(1);
    expect(off.terms.some((t) => t.term === 'date')).toBe(false);
  });
});
