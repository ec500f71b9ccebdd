import { tagsRequired as rule } from '../../../src/rules/tags/tags-required';
import { DEFAULT_TAGS, stackOf, violations } from '../../helpers';

const topic = { aws_sns_topic: { Alerts: { name: 'alerts' } } };

describe('tags-required', () => {
  it('passes a resource that inherits every required tag from default_tags', async () => {
    expect(await violations(rule, stackOf(topic), 'aws_sns_topic.Alerts')).toEqual([]);
  });

  it('fails when default_tags lack a required tag', async () => {
    const partial = Object.fromEntries(
      Object.entries(DEFAULT_TAGS).filter(([tag]) => tag !== 'owner' && tag !== 'cost-center'),
    );
    expect(
      await violations(rule, stackOf(topic, { defaultTags: partial }), 'aws_sns_topic.Alerts'),
    ).toEqual([
      "missing or empty tags owner, cost-center (default_tags and the resource's tags together)",
    ]);
  });

  it('fails when a resource blanks a required tag', async () => {
    const stack = stackOf({ aws_sns_topic: { Alerts: { name: 'alerts', tags: { project: '' } } } });
    expect(await violations(rule, stack, 'aws_sns_topic.Alerts')).toEqual([
      expect.stringContaining('missing or empty tag project'),
    ]);
  });

  it('reads tags_all from the plan, and skips what the plan shows is not taggable', async () => {
    const plan = (values: Record<string, unknown>) => ({
      planned_values: {
        root_module: {
          resources: [
            {
              address: 'aws_sns_topic.Alerts',
              mode: 'managed',
              type: 'aws_sns_topic',
              name: 'Alerts',
              values,
            },
          ],
        },
      },
    });
    expect(
      await violations(
        rule,
        stackOf(topic, { plan: plan({ tags_all: { platform: 'genai' } }) }),
        'aws_sns_topic.Alerts',
      ),
    ).toEqual([expect.stringContaining('environment, blueprint, project, owner, cost-center')]);
    expect(
      await violations(
        rule,
        stackOf(topic, { plan: plan({ tags_all: DEFAULT_TAGS }) }),
        'aws_sns_topic.Alerts',
      ),
    ).toEqual([]);
    expect(
      await violations(
        rule,
        stackOf(topic, { plan: plan({ name: 'alerts' }) }),
        'aws_sns_topic.Alerts',
      ),
    ).toEqual([]);
  });
});
