// The index that finds the dot under the pointer (scatter, aging WIP): a d3 quadtree built at the first
// pointer move after its dots or scales change, not on every render or filter change (50,000 points took
// ~40 ms to index, before anyone pointed at one).
import type { Quadtree } from 'd3';
import { useRef } from 'react';

/** A getter for the quadtree `build` makes, built again only once one of `deps` is another object. */
export function useDotIndex<T>(deps: readonly unknown[], build: () => Quadtree<T>): () => Quadtree<T> {
  const kept = useRef<{ deps: readonly unknown[]; tree: Quadtree<T> } | null>(null);
  return () => {
    const k = kept.current;
    if (k === null || k.deps.length !== deps.length || k.deps.some((d, i) => d !== deps[i])) kept.current = { deps, tree: build() };
    return kept.current!.tree;
  };
}
