import { impliedClauses } from './implied-needs';

const needs = (text: string) => impliedClauses(text).map((c) => c.implied);

describe('impliedClauses', () => {
  it('adds a date capability for a day named relative to today', () => {
    expect(needs('Check the train tickets from Beijing to Shanghai on next Wednesday')).toEqual(['date-time']);
    expect(needs('What will the weather be tomorrow?')).toEqual(['date-time']);
    expect(needs('Summarise the Wednesday meeting notes')).toEqual([]);
  });

  it('adds a browser for shopping on live web pages, not for an expense called shopping', () => {
    expect(needs('I want to buy a curved monitor, recommend items with prices and links')).toEqual(['web-browser']);
    expect(needs('Find the best selling GPUs on Amazon')).toEqual(['web-browser']);
    expect(needs('I spent 1,200 CNY on shopping last month')).toEqual([]);
    expect(needs('List my Amazon S3 buckets')).toEqual([]);
  });

  it('adds a transcript reader for a video link', () => {
    expect(needs('Extract the key points of https://www.youtube.com/watch?v=abc')).toEqual(['video-transcript']);
    expect(needs('Post my latest YouTube video to Twitter')).toEqual([]);
  });

  it('states each implied step as something a person can read', () => {
    const [clause] = impliedClauses('Book it for next Friday');
    expect(clause).toMatchObject({ text: 'Find the current date and time', implied: 'date-time', object: null });
  });
});
