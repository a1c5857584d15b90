import type { SandboxOperations } from './operationHandler';

/**
 * The product's operation handlers (sandbox/operations). Required when first needed: a caller
 * that brings its own handlers (the protocol tests) does not load the domain tables and seed data.
 */
export function defaultOperations(): SandboxOperations {
  // A string literal, so esbuild bundles the module.
  const m = require('./operations') as typeof import('./operations');
  return m.sandboxOperations();
}
