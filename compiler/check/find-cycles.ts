// Check stage helper: cycles in a directed graph (imports, calls, record types). Each edge
// that closes a cycle during a depth-first walk is one cycle, reported with its whole path.

export interface Edge<S> {
  readonly to: string;
  readonly site: S; // where the edge is written (an import, a call, a field)
}

export interface Cycle<S> {
  readonly path: readonly string[]; // first and last node are the same
  readonly site: S; // the edge that closes the cycle
}

/** Walks `nodes` in the order given and edges in the order returned, so the result is deterministic. */
export function findCycles<S>(nodes: readonly string[], edges: (node: string) => readonly Edge<S>[]): Cycle<S>[] {
  const state = new Map<string, "active" | "done">();
  const stack: string[] = [];
  const found: Cycle<S>[] = [];
  const visit = (node: string): void => {
    state.set(node, "active");
    stack.push(node);
    for (const edge of edges(node)) {
      const s = state.get(edge.to);
      if (s === "active") found.push({ path: [...stack.slice(stack.indexOf(edge.to)), edge.to], site: edge.site });
      else if (s === undefined) visit(edge.to);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const n of nodes) if (!state.has(n)) visit(n);
  return found;
}
