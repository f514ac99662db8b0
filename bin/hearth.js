#!/usr/bin/env node
// The `hearth` command. npm puts the project's Node 24 first on PATH, so TypeScript runs directly.
import '../src/cli/index.ts';
