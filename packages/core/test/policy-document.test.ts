import { renderPolicy } from '../src';

describe('renderPolicy', () => {
  it('renders a versioned policy document', () => {
    expect(
      JSON.parse(
        renderPolicy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }]),
      ),
    ).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
    });
  });

  it('fails when two statements share a Sid', () => {
    const statement = {
      Sid: 'Read',
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: '*',
    } as const;
    expect(() => renderPolicy([statement, statement])).toThrow(/Sid "Read" is used twice/);
  });
});
