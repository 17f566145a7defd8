#!/usr/bin/env node
// Runs the CLI through tsx's loader in this process (not a child that would outlive a kill -9).
import { register } from 'tsx/esm/api';

register();
await import('../src/apps/cli.ts');
