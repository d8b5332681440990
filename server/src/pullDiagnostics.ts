/**
 * Pull diagnostics (LSP 3.17): `textDocument/diagnostic` and `workspace/diagnostic`, for the
 * clients that pull; every other client gets the diagnostics pushed (server.ts).
 *
 * A client pulls or is pushed to, never both, or it would show every problem twice: the mode is
 * chosen once, at `initialize`, from the client's capabilities and the `diagnosticsMode`
 * initialization option ('push' | 'pull' | 'auto'). The server declares `diagnosticProvider`
 * only in pull mode, and then pushes nothing for the documents the client pulls.
 *
 * Each report has a `resultId`, a hash of its diagnostics, so it is the same for the same text,
 * configuration and corpus; a client that sends it back gets `unchanged`. For the workspace
 * report, a file whose text (its index entry), configuration and corpus epoch are unchanged since
 * the last report is answered `unchanged` without being checked again.
 */
import { createHash } from 'node:crypto';
import type {
  ClientCapabilities,
  Connection,
  Diagnostic,
  DiagnosticOptions,
  DocumentDiagnosticReport,
  TextDocuments,
  WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { TimeSlice } from './slices';

/** How diagnostics reach the client: `auto` pulls when the client says it can. */
export type DiagnosticsMode = 'push' | 'pull' | 'auto';

/** What the client pulls (fixed at `initialize`). */
export interface PullSupport {
  /** The client pulls the diagnostics of open documents: none are pushed for them. */
  readonly documents: boolean;
  /** The client pulls the whole corpus's too: none are pushed for closed files either. */
  readonly workspace: boolean;
  /** The client can be asked to pull again (`workspace/diagnostic/refresh`). */
  readonly refresh: boolean;
}

export const PUSH_ONLY: PullSupport = { documents: false, workspace: false, refresh: false };

/**
 * The pull support for a client. `auto`: open documents are pulled when the client can
 * (`textDocument.diagnostic`); the corpus's closed files are still pushed, because some
 * clients advertise `workspace.diagnostics` but never send `workspace/diagnostic`, and their
 * users would lose every closed file's problems. `pull`: documents and corpus, whatever the
 * client advertises. `push`: never. Any other value is `auto`.
 */
export function choosePullSupport(caps: ClientCapabilities, requested: unknown): PullSupport {
  const refresh = !!caps.workspace?.diagnostics?.refreshSupport;
  if (requested === 'push') return PUSH_ONLY;
  if (requested === 'pull') return { documents: true, workspace: true, refresh };
  const documents = !!caps.textDocument?.diagnostic;
  return { documents, workspace: false, refresh: documents && refresh };
}

/** The `diagnosticProvider` capability to declare, or undefined (push). */
export function diagnosticProvider(support: PullSupport): DiagnosticOptions | undefined {
  return support.documents ? { identifier: 'arabic-news', interFileDependencies: true, workspaceDiagnostics: support.workspace } : undefined;
}

/** What the pull handlers need from the server. */
export interface PullDiagnosticsDeps {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly guard: <T>(name: string, fallback: T, fn: () => T | Promise<T>) => Promise<T>;
  readonly support: () => PullSupport;
  /** Bumped whenever the configuration or the corpus changes in a way that diagnostics must be recomputed. */
  readonly epoch: () => number;
  /** The diagnostics of an open document, exactly as they would be pushed. */
  readonly openDiagnostics: (doc: TextDocument) => Promise<Diagnostic[]>;
  /** The diagnostics of a closed corpus file, checked from disk as for the push of the workspace scope; undefined when it is not in the corpus. */
  readonly closedDiagnostics: (uri: string) => Promise<Diagnostic[] | undefined>;
  /** The index entry of a corpus file: a new object whenever the file is indexed again. */
  readonly indexed: (uri: string) => object | undefined;
  /** The corpus files the workspace report covers: none while indexing, nor with the `open` scope. */
  readonly corpus: () => Promise<Iterable<{ readonly uri: string }>>;
}

type Report = { kind: 'full'; resultId: string; items: Diagnostic[]; version: number | null } | { kind: 'unchanged'; resultId: string; version: number | null };

const resultIdOf = (items: readonly Diagnostic[]): string => createHash('sha1').update(JSON.stringify(items)).digest('base64url').slice(0, 22);

/** Registers the pull handlers; `refresh` asks a pulling client to pull again (coalesced, when supported). */
export function registerPullDiagnostics(deps: PullDiagnosticsDeps): { refresh(): void } {
  const { connection, documents, guard } = deps;
  /** What each report was computed from: its source (document or index entry), version and epoch. */
  const stamps = new Map<string, { source: object; version: number | null; epoch: number; resultId: string }>();
  const sourceOf = (uri: string): { source: object | undefined; version: number | null } => {
    const doc = documents.get(uri);
    return doc ? { source: doc, version: doc.version } : { source: deps.indexed(uri), version: null };
  };

  async function reportOf(uri: string, previous: string | undefined): Promise<Report> {
    const { source, version } = sourceOf(uri);
    const epoch = deps.epoch();
    const known = stamps.get(uri);
    if (previous !== undefined && source && known && known.resultId === previous && known.source === source && known.version === version && known.epoch === epoch) {
      return { kind: 'unchanged', resultId: previous, version };
    }
    const doc = documents.get(uri);
    const items = doc ? await deps.openDiagnostics(doc) : source ? ((await deps.closedDiagnostics(uri)) ?? []) : [];
    const resultId = resultIdOf(items);
    const now = sourceOf(uri);
    if (source && now.source === source && now.version === version && deps.epoch() === epoch) stamps.set(uri, { source, version, epoch, resultId });
    else stamps.delete(uri);
    return previous === resultId ? { kind: 'unchanged', resultId, version } : { kind: 'full', resultId, items, version };
  }

  connection.languages.diagnostics.on((params) => {
    const fallback: DocumentDiagnosticReport = params.previousResultId ? { kind: 'unchanged', resultId: params.previousResultId } : { kind: 'full', items: [] };
    return guard<DocumentDiagnosticReport>('pull diagnostics', fallback, async () => {
      const r = await reportOf(params.textDocument.uri, params.previousResultId);
      return r.kind === 'full' ? { kind: 'full', resultId: r.resultId, items: r.items } : { kind: 'unchanged', resultId: r.resultId };
    });
  });

  // The open documents, then every corpus file, in slices so that the server keeps answering;
  // with a partial result token the reports are streamed slice by slice.
  connection.languages.diagnostics.onWorkspace((params, token, _workDone, resultProgress) =>
    guard('workspace pull diagnostics', { items: [] }, async () => {
      const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
      const items: WorkspaceDocumentDiagnosticReport[] = [];
      const covered = new Set<string>();
      const add = async (uri: string): Promise<void> => {
        if (covered.has(uri)) return;
        covered.add(uri);
        const r = await reportOf(uri, previous.get(uri));
        items.push(r.kind === 'full' ? { uri, version: r.version, kind: 'full', resultId: r.resultId, items: r.items } : { uri, version: r.version, kind: 'unchanged', resultId: r.resultId });
      };
      const flush = (): void => {
        if (resultProgress && items.length) resultProgress.report({ items: items.splice(0) });
      };
      for (const doc of documents.all()) await add(doc.uri);
      const slice = new TimeSlice();
      for (const file of await deps.corpus()) {
        if (token.isCancellationRequested) break;
        await add(file.uri);
        if (slice.due) {
          flush();
          await slice.next();
        }
      }
      if (!token.isCancellationRequested) {
        // Files reported before and no longer covered (deleted, closed outside the corpus, the `open` scope): cleared.
        for (const uri of previous.keys()) {
          if (covered.has(uri)) continue;
          stamps.delete(uri);
          items.push({ uri, version: null, kind: 'full', items: [] });
        }
      }
      flush();
      return { items };
    }),
  );

  let queued = false;
  return {
    refresh(): void {
      const support = deps.support();
      if (!support.documents || !support.refresh || queued) return;
      queued = true;
      setImmediate(() => {
        queued = false;
        connection.languages.diagnostics.refresh().catch(() => undefined);
      });
    },
  };
}
