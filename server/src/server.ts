/**
 * The language server: the protocol layer only. Each handler adapts the document, calls the
 * core and converts the result; a failure answers an empty result and is logged once.
 * Started with `--stdio` (any LSP editor) or `--node-ipc` (the VS Code client).
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type CodeAction,
  CodeActionKind,
  type CompletionList,
  createConnection,
  type Diagnostic,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type InitializeParams,
  type InitializeResult,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type Analysis, lintParsed } from './core/analysis';
import { type ArticleConfig, resolveConfig, type ResolvedConfig } from './core/config';
import { formatEdits, quickFixes, safeFixEdits } from './core/features/codeActions';
import { complete } from './core/features/completion';
import { foldingRanges } from './core/features/folding';
import { hover } from './core/features/hover';
import { documentSymbols } from './core/features/symbols';
import { looksLikeArticle } from './core/parse/sniff';
import type { MessageLanguage } from './core/types';
import { CONFIG_FILE_NAME, type ConfigProblem, parseConfigFile } from './core/configFile';
import { FIX_ALL_KIND, toCompletionItem, toDocumentSymbol, toFixAllAction, toLspDiagnostic, toQuickFixAction } from './protocol';
import { ConfigLoader, type LoadedConfig } from './configLoader';
import { compareListings, CorpusHost, type CorpusScope, DEFAULT_EXCLUDE, DEFAULT_INCLUDE, listCorpusFileBatches } from './corpusHost';
import { registerNavigation } from './navigation';
import { registerCorpusRequests } from './corpusRequests';
import { registerCorpusFixes } from './corpusFix';
import { choosePullSupport, diagnosticProvider, type DiagnosticsMode, PUSH_ONLY, type PullSupport, registerPullDiagnostics } from './pullDiagnostics';
import { TimeSlice } from './slices';
import { limitHeapGrowth } from './heapGrowth';

limitHeapGrowth();
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const configLoader = new ConfigLoader();

/** Settings under `arabicNews` that the server reads. */
interface ServerSettings {
  readonly rules?: ArticleConfig['rules'];
  readonly markers?: ArticleConfig['markers'];
  readonly requiredSections?: ArticleConfig['requiredSections'];
  readonly keywordSeparators?: ArticleConfig['keywordSeparators'];
  readonly messageLanguage?: 'auto' | 'en' | 'ar';
  readonly corpus?: { readonly include?: string[]; readonly exclude?: string[]; readonly indexThreads?: number | null };
  /** `mode` is read once, from the initialization options' settings (see `diagnosticsMode`). */
  readonly diagnostics?: { readonly scope?: 'open' | 'workspace'; readonly mode?: DiagnosticsMode };
}

let clientLocale = 'en';
let supportsConfiguration = false;
let supportsRelatedInformation = false;
let supportsWatchedFiles = false;
let supportsWorkspaceFolders = false;
let supportsProgress = false;
/** What the client pulls (textDocument/diagnostic, workspace/diagnostic); nothing is pushed for it. */
let pull: PullSupport = PUSH_ONLY;
let workspaceFolders: string[] = [];
let globalSettings: ServerSettings = {};
/** False in an untrusted VS Code workspace: then no configured file outside the workspace folders is read. */
let trusted = true;
/** Whether the corpus index is complete (corpus rules and workspace diagnostics wait for it). */
let indexReady = false;
/** Bumped when corpus knowledge changes in a way that open documents must be re-checked. */
let corpusEpoch = 0;
const docsBase = pathToFileURL(path.join(__dirname, '..', 'docs', 'rules')).toString() + '/';

const settingsCache = new Map<string, Promise<ServerSettings>>();
const analyses = new Map<string, { version: number; epoch: number; config: ResolvedConfig; analysis: Analysis }>();
const pending = new Map<string, NodeJS.Timeout>();
const loggedFailures = new Set<string>();
/** Files not open in the editor whose diagnostics we published (workspace scope). */
const publishedClosed = new Set<string>();
/** Configuration files we have published problems for (to clear them once fixed). */
const configFilesWithProblems = new Set<string>();

const host = new CorpusHost({
  openText: (uri) => documents.get(uri)?.getText(),
  configFor: (uri) => configSync(uri, globalSettings),
});

/** Runs a handler; on failure logs once per handler and answers `fallback`. */
async function guard<T>(name: string, fallback: T, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (!loggedFailures.has(name)) {
      loggedFailures.add(name);
      connection.console.error(`arabic-news: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    return fallback;
  }
}

function languageFor(settings: ServerSettings): MessageLanguage {
  const chosen = settings.messageLanguage;
  if (chosen === 'en' || chosen === 'ar') return chosen;
  return clientLocale.toLowerCase().startsWith('ar') ? 'ar' : 'en';
}

async function settingsFor(uri: string): Promise<ServerSettings> {
  if (!supportsConfiguration) return globalSettings;
  let s = settingsCache.get(uri);
  if (!s) {
    s = connection.workspace
      .getConfiguration({ scopeUri: uri, section: 'arabicNews' })
      .then((v: unknown) => (v && typeof v === 'object' ? (v as ServerSettings) : {}))
      .catch(() => globalSettings);
    settingsCache.set(uri, s);
  }
  return s;
}

/** True for a `.arabic-news.json` document. */
function isConfigDocument(uri: string): boolean {
  return uri.endsWith('/' + CONFIG_FILE_NAME);
}

/**
 * The configuration of a document: the defaults, then the nearest `.arabic-news.json` (with
 * its `extends` chain), then the user's editor settings on top.
 */
function configSync(uri: string, settings: ServerSettings): ResolvedConfig {
  let loaded: LoadedConfig | undefined;
  try {
    if (uri.startsWith('file:')) loaded = configLoader.forPath(fileURLToPath(uri));
    else if (workspaceFolders.length === 1) loaded = configLoader.forPath(workspaceFolders[0]!, true);
  } catch (error) {
    connection.console.error(`arabic-news: reading the configuration failed: ${String(error)}`);
  }
  // The loader answers the same object for every file under one configuration file, and the
  // settings object changes when the settings do: resolve each pair once. (Indexing 100,000
  // files resolved, and re-published the configuration file's problems, 100,000 times.)
  let bySettings = resolvedConfigs.get(settings);
  if (!bySettings) resolvedConfigs.set(settings, (bySettings = new WeakMap()));
  const key = loaded ?? NO_CONFIG_FILE;
  const hit = bySettings.get(key);
  if (hit) return hit;
  if (uri.startsWith('file:') && loaded) publishConfigProblems(loaded.problems, settings);
  const config = resolveConfigLayers(loaded?.layers ?? [], settings);
  bySettings.set(key, config);
  return config;
}

/** Resolved configurations by settings object and loaded configuration file (see configSync). */
let resolvedConfigs = new WeakMap<ServerSettings, WeakMap<LoadedConfig, ResolvedConfig>>();
const NO_CONFIG_FILE: LoadedConfig = { layers: [], files: [], problems: new Map() };

/** The defaults, a configuration file's layers, then the editor settings on top. */
function resolveConfigLayers(layers: readonly ArticleConfig[], settings: ServerSettings): ResolvedConfig {
  const config = resolveConfig(...layers, {
    rules: settings.rules,
    markers: settings.markers,
    requiredSections: settings.requiredSections,
    keywordSeparators: settings.keywordSeparators,
  });
  return trusted ? config : { ...config, keywordFiles: insideWorkspace(config.keywordFiles) };
}

/** Keeps only configured files inside the workspace folders (untrusted workspaces). */
function insideWorkspace(files: ResolvedConfig['keywordFiles']): ResolvedConfig['keywordFiles'] {
  const inside = (f: string | undefined): string | undefined =>
    f && workspaceFolders.some((w) => !path.relative(w, f).startsWith('..') && !path.isAbsolute(path.relative(w, f))) ? f : undefined;
  return { vocabulary: inside(files.vocabulary), preferredSpellings: inside(files.preferredSpellings) };
}

function toConfigDiagnostics(problems: readonly ConfigProblem[], language: MessageLanguage): Diagnostic[] {
  return problems.map((p) => ({
    range: p.range,
    severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: 'arabic-news',
    message: language === 'ar' ? p.message.ar : p.message.en,
  }));
}

/** Publishes the problems of configuration files that are not open in the editor (open ones are checked live). */
function publishConfigProblems(problems: ReadonlyMap<string, readonly ConfigProblem[]>, settings: ServerSettings): void {
  for (const [file, list] of problems) {
    const uri = pathToFileURL(file).toString();
    if (documents.get(uri)) continue;
    if (!list.length && !configFilesWithProblems.has(uri)) continue;
    if (list.length) configFilesWithProblems.add(uri);
    else configFilesWithProblems.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: toConfigDiagnostics(list, languageFor(settings)) });
  }
}

/** The problems of an open `.arabic-news.json` document, as typed. */
async function configDocumentDiagnostics(doc: TextDocument): Promise<Diagnostic[]> {
  const settings = await settingsFor(doc.uri);
  return toConfigDiagnostics(parseConfigFile(doc.getText()).problems, languageFor(settings));
}

/** Checks an open `.arabic-news.json` document as it is typed. */
async function validateConfigDocument(doc: TextDocument): Promise<void> {
  await guard('config diagnostics', undefined, async () => {
    const diagnostics = await configDocumentDiagnostics(doc);
    await connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  });
}

/** Re-checks the open documents after the configuration or the corpus changed: pushes again, or asks a pulling client to pull again. */
function recheckOpenDocuments(delayMs?: number): void {
  if (pull.documents) {
    pullDiagnostics.refresh();
    return;
  }
  for (const doc of documents.all()) {
    if (delayMs === undefined) void validate(doc);
    else scheduleValidation(doc, delayMs);
  }
}

/** A configuration file changed: forget what was read and re-check everything. */
function configChanged(): void {
  configLoader.invalidate();
  resolvedConfigs = new WeakMap();
  analyses.clear();
  corpusEpoch++;
  recheckOpenDocuments();
  void publishWorkspaceDiagnostics();
}

function rangesTouch(a: { start: { line: number } ; end: { line: number } }, b: { start: { line: number }; end: { line: number } }): boolean {
  return a.start.line <= b.end.line && b.start.line <= a.end.line;
}

/** Whether the server should treat a document as an article. */
function isArticle(doc: TextDocument): boolean {
  if (isConfigDocument(doc.uri)) return false;
  return doc.languageId === 'arabic-news' || looksLikeArticle(doc.getText());
}

function logRuleFailure(rule: string, error: unknown): void {
  const key = `rule ${rule}`;
  if (!loggedFailures.has(key)) {
    loggedFailures.add(key);
    connection.console.error(`arabic-news: rule ${rule} failed: ${String(error)}`);
  }
}

/** Parses and lints a text with the corpus around it. */
async function check(uri: string, text: string, config: ResolvedConfig, indexIt: boolean): Promise<Analysis> {
  // The vocabulary is evidence for splitting the keywords line: read (or re-read when changed) first.
  await host.keywordLists(config);
  const article = host.parse(uri, text, config);
  if (indexIt) host.indexText(uri, text, article);
  const corpus = indexReady ? await host.contextFor(uri, article, config) : undefined;
  return lintParsed(article, config, logRuleFailure, undefined, corpus);
}

/** Parses and lints an open document once per version (and per corpus epoch). */
async function analysisOf(doc: TextDocument): Promise<{ analysis: Analysis; settings: ServerSettings }> {
  const settings = await settingsFor(doc.uri);
  const cached = analyses.get(doc.uri);
  if (cached && cached.version === doc.version && cached.epoch === corpusEpoch) return { analysis: cached.analysis, settings };
  const config = configSync(doc.uri, settings);
  const version = doc.version;
  const epoch = corpusEpoch;
  const analysis = await check(doc.uri, doc.getText(), config, true);
  if (documents.get(doc.uri)?.version === version) analyses.set(doc.uri, { version, epoch, config, analysis });
  return { analysis, settings };
}

/** The diagnostics of an open article (none for a document that is not one). */
async function articleDiagnostics(doc: TextDocument): Promise<Diagnostic[]> {
  if (!isArticle(doc)) return [];
  const { analysis, settings } = await analysisOf(doc);
  const summary = host.index.get(doc.uri);
  if (summary) summary.problems = countByRule(analysis);
  return toLsp(analysis, doc.uri, languageFor(settings));
}

/** Pushes the diagnostics of an open document (unless the client pulls them). */
async function validate(doc: TextDocument): Promise<void> {
  if (pull.documents) return;
  if (isConfigDocument(doc.uri)) return validateConfigDocument(doc);
  await guard('diagnostics', undefined, async () => {
    const diagnostics = await articleDiagnostics(doc);
    if (documents.get(doc.uri)?.version !== doc.version) return; // a newer version is on its way
    await connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  });
}

/** The most diagnostics published for one file; past it, a notice says how many were left out. */
const MAX_DIAGNOSTICS = 1000;

function toLsp(analysis: Analysis, uri: string, language: MessageLanguage): Diagnostic[] {
  const all = analysis.diagnostics;
  const shown = all.slice(0, MAX_DIAGNOSTICS).map((d) => toLspDiagnostic(d, uri, language, docsBase, supportsRelatedInformation));
  if (all.length > MAX_DIAGNOSTICS) {
    const n = all.length.toLocaleString('en');
    shown.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      source: 'arabic-news',
      code: 'limit',
      message:
        language === 'ar'
          ? `مشكلات كثيرة جدًا: تظهر أول ${MAX_DIAGNOSTICS} من ${n}. أصلح هذه أو شغّل arabic-news-lint لترى القائمة كاملة.`
          : `Too many problems: showing the first ${MAX_DIAGNOSTICS} of ${n}. Fix these, or run arabic-news-lint for the full list.`,
    });
  }
  return shown;
}

function countByRule(analysis: Analysis): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of analysis.diagnostics) out[d.ruleId] = (out[d.ruleId] ?? 0) + 1;
  return out;
}

function scheduleValidation(doc: TextDocument, delayMs: number): void {
  const old = pending.get(doc.uri);
  if (old) clearTimeout(old);
  pending.set(
    doc.uri,
    setTimeout(() => {
      pending.delete(doc.uri);
      const current = documents.get(doc.uri);
      if (current) void validate(current);
    }, delayMs),
  );
}

async function scopeOf(uri?: string): Promise<'open' | 'workspace'> {
  const s = await settingsFor(uri ?? (workspaceFolders[0] ? pathToFileURL(workspaceFolders[0]).toString() : ''));
  return s.diagnostics?.scope === 'open' ? 'open' : 'workspace';
}

/** Checks one closed corpus file from disk (workspace scope); undefined when it is gone or not in the index. */
async function closedDiagnostics(uri: string): Promise<Diagnostic[] | undefined> {
  const text = await host.textOf(uri);
  const summary = host.index.get(uri);
  if (text === undefined || !summary) return undefined;
  const settings = await settingsFor(uri);
  const analysis = await check(uri, text, configSync(uri, settings), false);
  summary.problems = countByRule(analysis);
  return toLsp(analysis, uri, languageFor(settings));
}

/** Checks one closed file from disk and publishes its diagnostics (workspace scope; not when the client pulls them). */
async function publishClosed(uri: string): Promise<void> {
  if (documents.get(uri) || pull.workspace) return;
  const diagnostics = await closedDiagnostics(uri);
  if (!diagnostics) {
    if (publishedClosed.delete(uri)) await connection.sendDiagnostics({ uri, diagnostics: [] });
    return;
  }
  publishedClosed.add(uri);
  await connection.sendDiagnostics({ uri, diagnostics });
}

let workspaceRun = 0;
/** Publishes diagnostics for every indexed file that is not open (workspace scope), in slices. */
async function publishWorkspaceDiagnostics(): Promise<void> {
  const run = ++workspaceRun;
  await guard('workspace diagnostics', undefined, async () => {
    if (!indexReady || pull.workspace) return; // a pulling client is asked to pull again instead (recheckOpenDocuments)
    if ((await scopeOf()) === 'open') {
      for (const uri of publishedClosed) void connection.sendDiagnostics({ uri, diagnostics: [] });
      publishedClosed.clear();
      return;
    }
    const slice = new TimeSlice();
    for (const summary of [...host.index.all()]) {
      if (run !== workspaceRun) return;
      await publishClosed(summary.uri);
      await slice.yieldIfDue();
    }
  });
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  clientLocale = params.locale ?? 'en';
  const caps = params.capabilities;
  supportsConfiguration = !!caps.workspace?.configuration;
  supportsRelatedInformation = !!caps.textDocument?.publishDiagnostics?.relatedInformation;
  supportsWatchedFiles = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  supportsWorkspaceFolders = !!caps.workspace?.workspaceFolders;
  supportsProgress = !!caps.window?.workDoneProgress;
  const init = params.initializationOptions as { settings?: ServerSettings; trusted?: boolean; diagnosticsMode?: unknown } | undefined;
  if (init?.settings && typeof init.settings === 'object') globalSettings = init.settings;
  pull = choosePullSupport(caps, init?.diagnosticsMode ?? globalSettings.diagnostics?.mode);
  const pullProvider = diagnosticProvider(pull);
  trusted = init?.trusted !== false;
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  workspaceFolders = folders.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      documentSymbolProvider: { label: 'Arabic News' },
      foldingRangeProvider: true,
      hoverProvider: true,
      completionProvider: { triggerCharacters: [' ', '،', ','], resolveProvider: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      workspaceSymbolProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      definitionProvider: true,
      documentFormattingProvider: true,
      ...(pullProvider ? { diagnosticProvider: pullProvider } : {}),
      ...(supportsWorkspaceFolders ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
    },
    serverInfo: { name: 'arabic-news-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (supportsWorkspaceFolders) listenToWorkspaceFolders();
  if (supportsWatchedFiles) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.txt' }, { globPattern: `**/${CONFIG_FILE_NAME}` }] });
  }
  void indexCorpus();
});

let indexGeneration = 0;
/** The files that file events touched while an indexing pass runs (indexed again once it is done). */
let touchedWhileIndexing: Set<string> | undefined;

/** Which files of a workspace folder form the corpus (its `arabicNews.corpus` settings). */
async function scopeFor(folder: string): Promise<CorpusScope> {
  const settings = await settingsFor(pathToFileURL(folder).toString());
  return { include: settings.corpus?.include?.length ? settings.corpus.include : DEFAULT_INCLUDE, exclude: settings.corpus?.exclude ?? DEFAULT_EXCLUDE };
}

/** Lists the corpus files of every workspace folder. */
async function listWorkspace(cancelled: () => boolean): Promise<string[]> {
  const files: string[] = [];
  for (const folder of workspaceFolders) {
    const scope = await scopeFor(folder);
    for await (const batch of listCorpusFileBatches(folder, scope, cancelled)) for (const f of batch) files.push(f);
  }
  return files;
}

/** The workspace folder a file or folder is in (the innermost), if any. */
function workspaceFolderOf(file: string): string | undefined {
  let best: string | undefined;
  for (const w of workspaceFolders) {
    const r = path.relative(w, file);
    if (r.startsWith('..') || path.isAbsolute(r)) continue;
    if (!best || w.length > best.length) best = w;
  }
  return best;
}

/** Indexes the workspace folders in the background, reporting progress, then re-checks. */
async function indexCorpus(): Promise<void> {
  const generation = ++indexGeneration;
  const cancelled = (): boolean => generation !== indexGeneration;
  let reporter: WorkDoneProgressServerReporter | undefined;
  const touched = new Set<string>();
  touchedWhileIndexing = touched;
  await guard('corpus index', undefined, async () => {
    const started = Date.now();
    if (supportsProgress && workspaceFolders.length) {
      reporter = await connection.window.createWorkDoneProgress().catch(() => undefined);
      reporter?.begin('Indexing corpus', 0, 'Listing files…', true);
    }
    let files = await listWorkspace(cancelled);
    corpusFiles = files.length;
    let lastReport = 0;
    const stopped = (): boolean => cancelled() || !!reporter?.token.isCancellationRequested;
    // arabicNews.corpus.indexThreads (window scope: the first folder's value): worker threads for parsing.
    const threadSetting = workspaceFolders.length ? (await settingsFor(pathToFileURL(workspaceFolders[0]!).toString())).corpus?.indexThreads : undefined;
    const threads = typeof threadSetting === 'number' && Number.isInteger(threadSetting) && threadSetting >= 0 ? Math.min(threadSetting, 16) : undefined;
    await host.indexFiles(
      files,
      (done, total) => {
        const now = Date.now();
        if (now - lastReport < 200 && done < total) return;
        lastReport = now;
        reporter?.report(total ? Math.floor((done / total) * 100) : 100, `${done.toLocaleString('en')} / ${total.toLocaleString('en')}`);
        void connection.sendNotification('arabicNews/indexProgress', { done, total });
      },
      stopped,
      undefined,
      threads,
    );
    if (cancelled()) return;
    if (!stopped()) {
      // The listing may have passed a folder before a file was created in it, and file events
      // may not have been watched yet or raced with indexing: list again (cheap), index what
      // was missed, forget what vanished after it was read, and re-read what file events touched.
      const relisted = await listWorkspace(cancelled);
      if (cancelled()) return;
      // Nearly always the same list in the same order: a plain comparison, not two sets of
      // 100,000 paths (134 ms in one turn of the event loop, measured), and in time slices (in
      // one go it was about 20 ms, the longest a request waited at the end of indexing).
      let same = relisted.length === files.length;
      const slice = new TimeSlice();
      for (let i = 0; same && i < files.length; i++) {
        if (relisted[i] !== files[i]) same = false;
        if ((i & 1023) === 1023 && slice.due) await slice.next();
      }
      if (cancelled()) return;
      const { added, vanished } = same ? { added: [], vanished: [] } : compareListings(new Set(files), relisted, (f) => host.index.get(pathToFileURL(f).toString()) !== undefined);
      const again = [...new Set([...added, ...vanished, ...touched])];
      if (again.length) await host.indexFiles(again, () => undefined, stopped, undefined, threads);
      if (cancelled()) return;
      files = relisted;
      corpusFiles = files.length;
    }
    if (touchedWhileIndexing === touched) touchedWhileIndexing = undefined;
    reporter?.done();
    reporter = undefined;
    indexReady = true;
    corpusEpoch++;
    const articles = host.index.size;
    connection.console.log(`arabic-news: indexed ${articles} articles of ${files.length} files in ${Date.now() - started} ms`);
    void connection.sendNotification('arabicNews/indexReady', { articles, keywords: host.index.lexicon.keywordCountDistinct, files: files.length, ms: Date.now() - started });
    recheckOpenDocuments();
    await publishWorkspaceDiagnostics();
  });
  if (touchedWhileIndexing === touched) touchedWhileIndexing = undefined;
  reporter?.done();
}

function listenToWorkspaceFolders(): void {
  connection.workspace.onDidChangeWorkspaceFolders((e) => {
    for (const f of e.added) if (f.uri.startsWith('file:')) workspaceFolders.push(fileURLToPath(f.uri));
    const removed = new Set(e.removed.map((f) => (f.uri.startsWith('file:') ? fileURLToPath(f.uri) : f.uri)));
    workspaceFolders = workspaceFolders.filter((f) => !removed.has(f));
    void indexCorpus();
  });
}

connection.onDidChangeWatchedFiles((params) =>
  guard('watched files', undefined, async () => {
    let configTouched = false;
    const changed = new Set<string>();
    // A deleted URI that is not an indexed article may be a folder (one event for the whole
    // folder): its articles go with it. Consecutive ones are looked up in one pass over the index.
    let deletedFolders: string[] = [];
    const removeDeletedFolders = (): void => {
      if (!deletedFolders.length) return;
      for (const uri of host.removeUnder(deletedFolders)) changed.add(uri);
      deletedFolders = [];
    };
    for (const change of params.changes) {
      if (isConfigDocument(change.uri)) {
        configTouched = true;
        continue;
      }
      if (!change.uri.startsWith('file:') || documents.get(change.uri)) continue;
      const file = fileURLToPath(change.uri);
      touchedWhileIndexing?.add(file);
      const before = host.index.get(change.uri);
      if (change.type === FileChangeType.Deleted) {
        host.remove(change.uri);
        if (!before) deletedFolders.push(change.uri);
      } else {
        removeDeletedFolders();
        await host.indexFile(file);
        if (change.type === FileChangeType.Created && !host.index.get(change.uri)) {
          // Perhaps a folder created, moved or copied in (one event for the folder): index its corpus files.
          const root = workspaceFolderOf(file);
          if (root) for (const uri of await host.indexUnder(root, file, await scopeFor(root))) changed.add(uri);
        }
      }
      if (before || host.index.get(change.uri)) changed.add(change.uri);
    }
    removeDeletedFolders();
    if (configTouched) {
      // Everything is checked again, but only what is still indexed: clear what was deleted.
      for (const uri of changed) if (!host.index.get(uri) && publishedClosed.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
      configChanged();
      return;
    }
    if (!changed.size) return;
    corpusEpoch++;
    recheckOpenDocuments(50);
    if (indexReady && (await scopeOf()) === 'workspace') for (const uri of changed) await publishClosed(uri);
  }),
);

connection.onDidChangeConfiguration((change) => {
  settingsCache.clear();
  analyses.clear();
  const s = (change.settings as { arabicNews?: ServerSettings } | undefined)?.arabicNews;
  if (s && typeof s === 'object') globalSettings = s;
  corpusEpoch++;
  recheckOpenDocuments();
  void publishWorkspaceDiagnostics();
});

documents.onDidSave((e) => {
  if (isConfigDocument(e.document.uri)) configChanged();
});
documents.onDidOpen((e) => {
  const uri = e.document.uri;
  const pushedClosed = publishedClosed.delete(uri);
  // A pulling client pulls the open document: what was pushed for the closed file must not stay beside it.
  if (pull.documents && (pushedClosed || configFilesWithProblems.delete(uri))) void connection.sendDiagnostics({ uri, diagnostics: [] });
  void validate(e.document);
});
documents.onDidChangeContent((e) => {
  scheduleValidation(e.document, 150);
});
documents.onDidClose((e) => {
  const uri = e.document.uri;
  const t = pending.get(uri);
  if (t) clearTimeout(t);
  pending.delete(uri);
  analyses.delete(uri);
  settingsCache.delete(uri);
  if (isConfigDocument(uri)) {
    void connection.sendDiagnostics({ uri, diagnostics: [] });
    return;
  }
  void guard('close', undefined, async () => {
    // The file on disk is the corpus's version again; with the workspace scope its diagnostics stay, as read from disk.
    // A file outside the workspace folders is not part of the corpus: forget it.
    const inside =
      uri.startsWith('file:') &&
      workspaceFolders.some((w) => {
        const r = path.relative(w, fileURLToPath(uri));
        return !r.startsWith('..') && !path.isAbsolute(r);
      });
    if (inside) await host.indexFile(fileURLToPath(uri));
    else host.remove(uri);
    if (pull.workspace) pullDiagnostics.refresh(); // the file is the disk's version again
    else if (indexReady && uri.startsWith('file:') && host.index.get(uri) && (await scopeOf(uri)) === 'workspace') await publishClosed(uri);
    else await connection.sendDiagnostics({ uri, diagnostics: [] });
  });
});

connection.onDocumentSymbol((params) =>
  guard('documentSymbol', [], async () => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !isArticle(doc)) return [];
    const { analysis, settings } = await analysisOf(doc);
    return documentSymbols(analysis.article, languageFor(settings)).map(toDocumentSymbol);
  }),
);

connection.onFoldingRanges((params) =>
  guard('foldingRange', [], async () => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !isArticle(doc)) return [];
    const { analysis } = await analysisOf(doc);
    return foldingRanges(analysis.article);
  }),
);

connection.onHover((params) =>
  guard('hover', null, async () => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !isArticle(doc)) return null;
    const { analysis, settings } = await analysisOf(doc);
    const h = hover(analysis.article, params.position, { index: host.index, language: languageFor(settings) });
    return h ? { contents: { kind: 'markdown', value: h.markdown }, range: h.range } : null;
  }),
);

connection.onCompletion((params) =>
  guard<CompletionList>('completion', { isIncomplete: false, items: [] }, async () => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !isArticle(doc)) return { isIncomplete: false, items: [] };
    const { analysis, settings } = await analysisOf(doc);
    const config = analyses.get(doc.uri)?.config;
    const result = complete(analysis.article, params.position, {
      lexicon: host.index.lexicon,
      coOccurring: (present) => host.index.coOccurring(present),
      markers: config?.markers,
      language: languageFor(settings),
    });
    return { isIncomplete: result.isIncomplete, items: result.items.map(toCompletionItem) };
  }),
);

connection.onCodeAction((params) =>
  guard<CodeAction[]>('codeAction', [], async () => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !isArticle(doc)) return [];
    const { analysis, settings } = await analysisOf(doc);
    const language = languageFor(settings);
    const only = params.context.only;
    const wants = (kind: string): boolean => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
    const actions: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      for (const q of quickFixes(analysis.diagnostics, params.range)) {
        actions.push(toQuickFixAction(q, doc.uri, language, toLspDiagnostic(q.diagnostic, doc.uri, language, docsBase, supportsRelatedInformation)));
      }
    }
    if (wants(CodeActionKind.QuickFix)) {
      // On a near-duplicate: open the two articles side by side in the diff editor (a client command).
      for (const d of analysis.diagnostics) {
        if (d.ruleId !== 'AN301' || !rangesTouch(d.range, params.range)) continue;
        for (const twin of d.related.slice(0, 5)) {
          if (!twin.uri) continue;
          const name = decodeURIComponent(twin.uri.slice(twin.uri.lastIndexOf('/') + 1));
          actions.push({
            title: language === 'ar' ? `قارن مع ${name}` : `Compare with ${name}`,
            kind: CodeActionKind.QuickFix,
            command: { title: 'Compare', command: 'arabicNews.compare', arguments: [doc.uri, twin.uri] },
          });
        }
      }
    }
    if (wants(FIX_ALL_KIND)) {
      const edits = safeFixEdits(analysis.diagnostics);
      if (edits.length) actions.push(toFixAllAction(doc.uri, edits, language));
    }
    return actions;
  }),
);

let corpusFiles = 0;
registerCorpusRequests({ connection, host, guard, status: () => ({ indexReady, files: corpusFiles }) });

registerCorpusFixes({
  connection,
  host,
  guard,
  versionOf: (uri) => documents.get(uri)?.version ?? null,
  check: async (uri) => {
    const doc = documents.get(uri);
    if (doc) return isArticle(doc) ? (await analysisOf(doc)).analysis : undefined;
    const text = await host.textOf(uri);
    return text === undefined ? undefined : check(uri, text, configSync(uri, await settingsFor(uri)), false);
  },
});

const pullDiagnostics = registerPullDiagnostics({
  connection,
  documents,
  guard,
  support: () => pull,
  epoch: () => corpusEpoch,
  openDiagnostics: (doc) => (isConfigDocument(doc.uri) ? configDocumentDiagnostics(doc) : articleDiagnostics(doc)),
  closedDiagnostics,
  indexed: (uri) => host.index.get(uri),
  corpus: async () => (indexReady && (await scopeOf()) === 'workspace' ? [...host.index.all()] : []),
});

connection.onRequest('arabicNews/serverInfo', () => ({ pid: process.pid, version: '0.1.0', indexReady, articles: host.index.size, trusted }));

// Formatting applies the word-preserving normalisations (fixes marked `format`), each edit
// touching only the range its rule reported.
connection.onDocumentFormatting((params) =>
  guard('formatting', [], async () => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !isArticle(doc)) return [];
    const { analysis } = await analysisOf(doc);
    return formatEdits(analysis.diagnostics).map((e) => ({ range: e.range, newText: e.newText }));
  }),
);

registerNavigation({
  connection,
  documents,
  host,
  guard,
  analysisOf: async (doc) => ((doc && isArticle(doc)) ? (await analysisOf(doc)).analysis : undefined),
  language: async (uri) => languageFor(await settingsFor(uri)),
});

process.on('uncaughtException', (error) => {
  connection.console.error(`arabic-news: uncaught ${error.stack ?? error.message}`);
});

documents.listen(connection);
connection.listen();
