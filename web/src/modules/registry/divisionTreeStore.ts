// The division tree's loaded nodes outlive the page, so going back from a compound
// finds the tree as it was left. One store per signed-in user.
import type { DivisionLevel } from './types.ts';

export interface TreeNode {
  key: string;
  title: string;
  level: DivisionLevel | 'compound' | 'more';
  code?: string;
  compoundId?: string;
  isLeaf?: boolean;
  selectable?: boolean;
  children?: TreeNode[];
}

export interface TreeState {
  userId: string;
  nodes: TreeNode[] | null;
  expanded: string[];
  loaded: string[];
  names: Record<string, string>;
}

let saved: TreeState | null = null;

export function loadTreeState(userId: string): TreeState {
  if (saved?.userId === userId) return saved;
  return { userId, nodes: null, expanded: [], loaded: [], names: {} };
}

export function saveTreeState(state: TreeState): void {
  saved = state;
}

/** Forgets the loaded tree (after an import changed the registry). */
export function resetTreeState(): void {
  saved = null;
}

/** Returns the tree with `children` set on the node with `key`. */
export function withChildren(nodes: TreeNode[], key: string, children: TreeNode[]): TreeNode[] {
  return nodes.map((node) => {
    if (node.key === key) return { ...node, children, isLeaf: children.length === 0 };
    if (node.children) return { ...node, children: withChildren(node.children, key, children) };
    return node;
  });
}

export function findNode(nodes: TreeNode[] | null, key: string): TreeNode | undefined {
  for (const node of nodes ?? []) {
    if (node.key === key) return node;
    const found = findNode(node.children ?? null, key);
    if (found) return found;
  }
  return undefined;
}
