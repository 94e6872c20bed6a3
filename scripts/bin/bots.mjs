#!/usr/bin/env node
// The `bots` command. Loads the TypeScript sources through tsx so that `npx bots` works on a fresh
// clone after `npm ci`, with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
