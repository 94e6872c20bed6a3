import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'fulfillment/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // The SDK warns on Node 20 (support ends 2027); tests run on the machine's Node 20.
    // POWERTOOLS_LOG_LEVEL: the in-process Lambdas' per-turn INFO lines would bury the test report; tests that check logs set their own level.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'WARN' },
  },
});
