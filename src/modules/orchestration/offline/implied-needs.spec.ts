import { doneByTools, impliedClauses } from './implied-needs';

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

  it('adds a hot list for what is trending or the latest news', () => {
    expect(needs("Find today's top LLM-related news")).toEqual(['trending']);
    expect(needs('What is trending on social media?')).toEqual(['trending']);
    expect(needs('Read the news article at this link')).toEqual([]);
  });

  it('adds a calculator for arithmetic the request asks for', () => {
    expect(needs("Read the sheet and tell me Sophia's BMI")).toEqual(['calculator']);
    expect(needs('Calculate their current market capitalization')).toEqual(['calculator']);
    expect(needs('Summarise the quarterly report')).toEqual([]);
  });

  it('knows an implied step done by a tool of a server the plan already has', () => {
    const [trending] = impliedClauses('Retrieve trending tokens');
    expect(doneByTools(trending, [{ name: 'get_trending_tokens' }])).toBe(true);
    expect(doneByTools(trending, [{ name: 'get_token_price' }])).toBe(false);
    // A date is never taken from a train server's tools: the step stays.
    const [date] = impliedClauses('Trains for next Friday');
    expect(doneByTools(date, [{ name: 'get_current_date' }])).toBe(false);
  });

  it('states each implied step as something a person can read', () => {
    const [clause] = impliedClauses('Book it for next Friday');
    expect(clause).toMatchObject({ text: 'Find the current date and time', implied: 'date-time', object: null });
  });
});
