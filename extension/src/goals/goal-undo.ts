import * as Y from 'yjs';

/**
 * Undo for goal edits across several documents, limited to this panel's own edits. Each document
 * gets a Y.UndoManager that tracks only transactions tagged with this panel's origin, so an undo
 * never reverts what another manager did meanwhile; the order of edits across documents is kept
 * here, so undo walks back through them in the order they were made.
 */
export class GoalUndo {
  /** Tag every local goal edit with this origin; edits from the network carry the provider. */
  readonly origin: object;
  private readonly managers = new Map<string, Y.UndoManager>();
  private undoOrder: string[] = [];
  private redoOrder: string[] = [];
  private replaying = false;
  private readonly listeners = new Set<() => void>();

  constructor(origin: object = { source: 'goal-panel' }) {
    this.origin = origin;
  }

  /** Starts tracking this panel's edits of one document's goals (once per name). */
  track(name: string, doc: Y.Doc): void {
    if (this.managers.has(name)) return;
    const manager = new Y.UndoManager(doc.getMap('goals'), {
      trackedOrigins: new Set([this.origin]),
      captureTimeout: 300,
    });
    manager.on('stack-item-added', (event: { type: 'undo' | 'redo' }) => {
      if (this.replaying || event.type !== 'undo') return;
      this.undoOrder.push(name);
      this.redoOrder = [];
      this.emit();
    });
    this.managers.set(name, manager);
  }

  /** Stops tracking a document that is no longer open; its steps are dropped. */
  untrack(name: string): void {
    this.managers.get(name)?.destroy();
    this.managers.delete(name);
    this.undoOrder = this.undoOrder.filter((n) => n !== name);
    this.redoOrder = this.redoOrder.filter((n) => n !== name);
    this.emit();
  }

  canUndo(): boolean {
    return this.undoOrder.length > 0;
  }

  canRedo(): boolean {
    return this.redoOrder.length > 0;
  }

  /** Reverts this panel's last edit (in whichever document it was). */
  undo(): boolean {
    return this.step(this.undoOrder, this.redoOrder, (m) => m.undo());
  }

  /** Re-applies the last undone edit. */
  redo(): boolean {
    return this.step(this.redoOrder, this.undoOrder, (m) => m.redo());
  }

  /** Calls `listener` whenever undo or redo availability may have changed. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    for (const name of [...this.managers.keys()]) this.untrack(name);
    this.listeners.clear();
  }

  private step(from: string[], to: string[], run: (manager: Y.UndoManager) => unknown): boolean {
    const name = from.pop();
    const manager = name === undefined ? undefined : this.managers.get(name);
    if (name === undefined || manager === undefined) return false;
    this.replaying = true;
    try {
      run(manager);
    } finally {
      this.replaying = false;
    }
    to.push(name);
    this.emit();
    return true;
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
