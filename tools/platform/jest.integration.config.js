// The integration tier of platform-cli: `nx run platform-cli:test-integration` (see jest.tiers.js).
module.exports = require('../../jest.tiers.js').integrationTier(
  require('./jest.config.js'),
  __dirname,
);
