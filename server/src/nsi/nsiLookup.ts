import type { NsiItem } from './nsiAnswer';

/** The items of an NSI registry by code, from the copy of the current stand; undefined when none is kept. */
export type NsiLookup = (registry: number) => ReadonlyMap<string, NsiItem> | undefined;
