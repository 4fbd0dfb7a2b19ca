// Prelude: the mutable store behind a lineage of PMap versions (pmap.ts): a hash table
// holding the entries of whichever version is current, and the Merkle tree (trie or treap,
// tree.ts) of those entries, brought up to date lazily. Writes and lookups touch only the
// table; the keys they change are noted, and the tree catches up on them when someone
// asks for an order (iteration, min, max), a root hash or a tree diff. The tree's shape
// depends only on the entries, so catching up in any order gives the same tree and root.
import { KeyTable, keyIdentity, type Entry } from "./key-table.js";
import type { MapCodec, Root, Tree } from "./tree.js";

export class MapStore<K, V> {
  readonly table: KeyTable<K, V>;
  /** The tree of the table's entries, except at the keys in `dirty` (null: rebuild from the table). */
  private base: Root<K, V>;
  private fresh: boolean;
  private readonly dirty: K[] = [];
  private walked = 0;
  private writes = 0;

  constructor(
    readonly codec: MapCodec<K, V>,
    readonly tree: Tree,
    base: Root<K, V>,
    table?: KeyTable<K, V>,
  ) {
    this.table = table ?? new KeyTable(keyIdentity(codec as MapCodec<K, unknown>));
    this.base = base;
    this.fresh = true;
  }

  /**
   * Whether a long walk back (`steps` differences) may reroot this store rather than copy it for the
   * version at its end: yes while the long walks so far, this one included, add up to no more than
   * a copy (the table's size) plus the writes made so far. So walking back costs at most what was
   * written plus one copy (two lineages alternating from one start soon copy; a replica looking
   * back at its last checkpoint, or a benchmark returning to its start state, never does).
   */
  mayReroot(steps: number): boolean {
    if (this.walked + steps > this.table.size + this.writes) return false;
    this.walked += steps;
    return true;
  }

  /** A version was written on top of this store's current one. */
  wrote(key: K): void {
    this.writes++;
    this.touched(key);
  }

  /** A store of its own for a copy of this one's entries (the same tree, the same pending keys). */
  copy(): MapStore<K, V> {
    const s = new MapStore(this.codec, this.tree, this.base, new KeyTable(this.table.id, this.table));
    s.fresh = this.fresh;
    s.dirty.push(...this.dirty);
    return s;
  }

  /** The table's entry at `key` changed (written, removed, or rerooted to another version's). */
  touched(key: K): void {
    if (!this.fresh) return;
    // A lineage nobody asks a tree of would collect keys without end: past this, rebuild instead.
    if (this.dirty.length > 64 + 2 * this.table.size) {
      this.fresh = false;
      this.dirty.length = 0;
      return;
    }
    this.dirty.push(key);
  }

  /** The table now holds the entries of a version whose tree is known: nothing is left to catch up on. */
  knownTree(tree: Root<K, V>): void {
    this.base = tree;
    this.fresh = true;
    this.dirty.length = 0;
  }

  /** The tree of the table's current entries. */
  currentTree(): Root<K, V> {
    if (!this.fresh) {
      this.base = this.build();
      this.fresh = true;
      return this.base;
    }
    if (this.dirty.length === 0) return this.base;
    let t = this.base;
    const { codec, table, tree } = this;
    const id = table.id;
    for (const key of this.dirty) {
      const e = table.get(key, id.hash(key));
      t = e === undefined ? tree.without(t, key, codec) : tree.write(t, key, { codec, f: null, value: e.value, full: false, capacity: Infinity });
    }
    this.dirty.length = 0;
    return (this.base = t);
  }

  private build(): Root<K, V> {
    const cmp = this.codec.compare;
    const sorted = Array.from(this.table.all(), (e: Entry<K, V>) => [e.key, e.value] as const).sort((a, b) => cmp(a[0], b[0]));
    return this.tree.build(this.codec, sorted);
  }
}
