import { ENV_SCHEMA } from '../../apps/gateway/src/config/env.schema';
import {
  readmeConfigReference,
  REGENERATE_COMMAND,
  renderConfigReference,
} from '../../scripts/generate-config-docs';

describe('README configuration reference', () => {
  it('is the one generated from the config schema', () => {
    // Arrange
    const expected = renderConfigReference();

    // Act
    const actual = readmeConfigReference();

    // Assert
    if (actual !== expected) {
      throw new Error(
        `README.md's configuration reference has drifted from apps/gateway/src/config/env.schema.ts. ` +
          `Regenerate it with \`${REGENERATE_COMMAND}\` ` +
          '(or `node -r @swc-node/register scripts/generate-config-docs.ts`) and commit README.md.',
      );
    }
  });

  it('documents every variable with its meaning', () => {
    const reference = renderConfigReference();

    for (const [name, field] of Object.entries(ENV_SCHEMA.shape)) {
      expect({ name, described: Boolean(field.description) }).toEqual({ name, described: true });
      expect(reference).toContain(`| \`${name}\` |`);
    }
  });
});
