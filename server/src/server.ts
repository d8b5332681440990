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
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type InitializeParams,
  type InitializeResult,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type Analysis, analyze } from './core/analysis';
import { type ArticleConfig, resolveConfig, type ResolvedConfig } from './core/config';
import { CorpusLexicon } from './core/corpus/lexicon';
import { quickFixes, safeFixEdits } from './core/features/codeActions';
import { complete } from './core/features/completion';
import { foldingRanges } from './core/features/folding';
import { hover } from './core/features/hover';
import { documentSymbols } from './core/features/symbols';
import { normalizeArabic } from './core/arabic';
import type { KeywordEvidence } from './core/keywords/segment';
import { looksLikeArticle } from './core/parse/sniff';
import type { MessageLanguage } from './core/types';
import { FIX_ALL_KIND, toCompletionItem, toDocumentSymbol, toFixAllAction, toLspDiagnostic, toQuickFixAction } from './protocol';
import { indexFile, scanFolders, termsOf } from './workspaceScan';
import { ConfigLoader } from './configLoader';
import { CONFIG_FILE_NAME, parseConfigFile } from './core/configFile';
import type { ConfigProblem } from './core/configFile';
import { DiagnosticSeverity } from 'vscode-languageserver/node';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const lexicon = new CorpusLexicon();
const configLoader = new ConfigLoader();
/** Configuration files we have published problems for (to clear them once fixed). */
const configFilesWithProblems = new Set<string>();

/** Settings under `arabicNews` that the server reads. */
interface ServerSettings {
  readonly rules?: ArticleConfig['rules'];
  readonly markers?: ArticleConfig['markers'];
  readonly requiredSections?: ArticleConfig['requiredSections'];
  readonly keywordSeparators?: ArticleConfig['keywordSeparators'];
  readonly messageLanguage?: 'auto' | 'en' | 'ar';
}

let clientLocale = 'en';
let supportsConfiguration = false;
let supportsRelatedInformation = false;
let supportsWatchedFiles = false;
let supportsWorkspaceFolders = false;
let workspaceFolders: string[] = [];
let globalSettings: ServerSettings = {};
/** Bumped when corpus knowledge used by the parser changes (scan finished, files changed on disk). */
let evidenceEpoch = 0;
const docsBase = pathToFileURL(path.join(__dirname, '..', 'docs', 'rules')).toString() + '/';

const settingsCache = new Map<string, Promise<ServerSettings>>();
const analyses = new Map<string, { version: number; epoch: number; config: ResolvedConfig; analysis: Analysis }>();
const pending = new Map<string, NodeJS.Timeout>();
const loggedFailures = new Set<string>();

/** Runs a handler; on failure logs once per handler and answers `fallback`. */
async function guard<T>(name: string, fallback: T, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (!loggedFailures.has(name)) {
      loggedFailures.add(name);
      connection.console.error(`arabic-news: ${name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
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
function configOf(uri: string, settings: ServerSettings): ResolvedConfig {
  let layers: readonly ArticleConfig[] = [];
  try {
    if (uri.startsWith('file:')) {
      const loaded = configLoader.forPath(fileURLToPath(uri));
      layers = loaded.layers;
      publishConfigProblems(loaded.problems, settings);
    } else if (workspaceFolders.length === 1) {
      layers = configLoader.forPath(workspaceFolders[0]!, true).layers;
    }
  } catch (error) {
    connection.console.error(`arabic-news: reading the configuration failed: ${String(error)}`);
  }
  return resolveConfig(...layers, {
    rules: settings.rules,
    markers: settings.markers,
    requiredSections: settings.requiredSections,
    keywordSeparators: settings.keywordSeparators,
  });
}

function toConfigDiagnostics(problems: readonly ConfigProblem[], language: MessageLanguage): import('vscode-languageserver/node').Diagnostic[] {
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

/** Checks an open `.arabic-news.json` document as it is typed. */
async function validateConfigDocument(doc: TextDocument): Promise<void> {
  await guard('config diagnostics', undefined, async () => {
    const settings = await settingsFor(doc.uri);
    const parsed = parseConfigFile(doc.getText());
    await connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: toConfigDiagnostics(parsed.problems, languageFor(settings)) });
  });
}

/** A configuration file changed on disk: forget what was read and re-check every open article. */
function configChanged(): void {
  configLoader.invalidate();
  analyses.clear();
  for (const doc of documents.all()) {
    if (isConfigDocument(doc.uri)) void validateConfigDocument(doc);
    else void validate(doc);
  }
}

/** Corpus evidence for segmenting a keywords line, without the document's own contribution. */
function evidenceFor(uri: string): KeywordEvidence {
  const own = new Set((lexicon.terms(uri)?.keywords ?? []).map((k) => normalizeArabic(k)));
  return { keywordCount: (p) => lexicon.keywordCount(p) - (own.has(p) ? 1 : 0) };
}

/** Whether the server should treat a document as an article. */
function isArticle(doc: TextDocument): boolean {
  if (isConfigDocument(doc.uri)) return false;
  return doc.languageId === 'arabic-news' || looksLikeArticle(doc.getText());
}

/** Parses and lints a document once per version (and per corpus epoch). */
async function analysisOf(doc: TextDocument): Promise<{ analysis: Analysis; settings: ServerSettings }> {
  const settings = await settingsFor(doc.uri);
  const cached = analyses.get(doc.uri);
  if (cached && cached.version === doc.version && cached.epoch === evidenceEpoch) return { analysis: cached.analysis, settings };
  const config = configOf(doc.uri, settings);
  const analysis = analyze(doc.getText(), config, evidenceFor(doc.uri), (rule, error) => {
    const key = `rule ${rule}`;
    if (!loggedFailures.has(key)) {
      loggedFailures.add(key);
      connection.console.error(`arabic-news: rule ${rule} failed: ${String(error)}`);
    }
  });
  analyses.set(doc.uri, { version: doc.version, epoch: evidenceEpoch, config, analysis });
  return { analysis, settings };
}

async function validate(doc: TextDocument): Promise<void> {
  if (isConfigDocument(doc.uri)) return validateConfigDocument(doc);
  await guard('diagnostics', undefined, async () => {
    if (!isArticle(doc)) {
      await connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: [] });
      return;
    }
    const { analysis, settings } = await analysisOf(doc);
    const language = languageFor(settings);
    if (documents.get(doc.uri)?.version !== doc.version) return; // a newer version is on its way
    const diagnostics = analysis.diagnostics.slice(0, 1000).map((d) => toLspDiagnostic(d, doc.uri, language, docsBase, supportsRelatedInformation));
    await connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  });
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

function updateLexiconFromDocument(doc: TextDocument): void {
  const terms = termsOf(doc.getText());
  if (terms) lexicon.update(doc.uri, terms);
  else lexicon.remove(doc.uri);
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  clientLocale = params.locale ?? 'en';
  const caps = params.capabilities;
  supportsConfiguration = !!caps.workspace?.configuration;
  supportsRelatedInformation = !!caps.textDocument?.publishDiagnostics?.relatedInformation;
  supportsWatchedFiles = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  supportsWorkspaceFolders = !!caps.workspace?.workspaceFolders;
  const init = params.initializationOptions as { settings?: ServerSettings } | undefined;
  if (init?.settings && typeof init.settings === 'object') globalSettings = init.settings;
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
  void rescanCorpus();
});

let scanGeneration = 0;
async function rescanCorpus(): Promise<void> {
  const generation = ++scanGeneration;
  await guard('corpus scan', undefined, async () => {
    await scanFolders(lexicon, workspaceFolders, {
      skip: (uri) => documents.get(uri) !== undefined,
      isCancelled: () => generation !== scanGeneration,
    });
    if (generation !== scanGeneration) return;
    evidenceEpoch++;
    connection.console.log(`arabic-news: ${lexicon.articleCount} articles, ${lexicon.keywordCountDistinct} keywords in the workspace`);
    void connection.sendNotification('arabicNews/indexReady', { articles: lexicon.articleCount, keywords: lexicon.keywordCountDistinct });
  });
}

function listenToWorkspaceFolders(): void {
  connection.workspace.onDidChangeWorkspaceFolders((e) => {
    for (const f of e.added) if (f.uri.startsWith('file:')) workspaceFolders.push(fileURLToPath(f.uri));
    const removed = new Set(e.removed.map((f) => (f.uri.startsWith('file:') ? fileURLToPath(f.uri) : f.uri)));
    workspaceFolders = workspaceFolders.filter((f) => !removed.has(f));
    void rescanCorpus();
  });
}

connection.onDidChangeWatchedFiles((params) =>
  guard('watched files', undefined, async () => {
    let configTouched = false;
    for (const change of params.changes) {
      if (isConfigDocument(change.uri)) {
        configTouched = true;
        continue;
      }
      if (!change.uri.startsWith('file:') || documents.get(change.uri)) continue;
      if (change.type === FileChangeType.Deleted) lexicon.remove(change.uri);
      else await indexFile(lexicon, fileURLToPath(change.uri));
    }
    evidenceEpoch++;
    if (configTouched) configChanged();
  }),
);

connection.onDidChangeConfiguration((change) => {
  settingsCache.clear();
  analyses.clear();
  const s = (change.settings as { arabicNews?: ServerSettings } | undefined)?.arabicNews;
  if (s && typeof s === 'object') globalSettings = s;
  for (const doc of documents.all()) void validate(doc);
});

documents.onDidSave((e) => {
  if (isConfigDocument(e.document.uri)) configChanged();
});
documents.onDidOpen((e) => {
  if (isConfigDocument(e.document.uri)) {
    void validateConfigDocument(e.document);
    return;
  }
  updateLexiconFromDocument(e.document);
  void validate(e.document);
});
documents.onDidChangeContent((e) => {
  if (isConfigDocument(e.document.uri)) {
    scheduleValidation(e.document, 150);
    return;
  }
  updateLexiconFromDocument(e.document);
  scheduleValidation(e.document, 150);
});
documents.onDidClose((e) => {
  const uri = e.document.uri;
  const t = pending.get(uri);
  if (t) clearTimeout(t);
  pending.delete(uri);
  analyses.delete(uri);
  settingsCache.delete(uri);
  void connection.sendDiagnostics({ uri, diagnostics: [] });
  if (isConfigDocument(uri)) return;
  // The file on disk (if any) is the corpus's version again.
  if (uri.startsWith('file:')) void indexFile(lexicon, fileURLToPath(uri));
  else lexicon.remove(uri);
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
    const { analysis } = await analysisOf(doc);
    const h = hover(analysis.article, params.position);
    return h ? { contents: { kind: 'markdown', value: h.markdown }, range: h.range } : null;
  }),
);

connection.onCompletion((params) =>
  guard<CompletionList>('completion', { isIncomplete: false, items: [] }, async () => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !isArticle(doc)) return { isIncomplete: false, items: [] };
    const { analysis, settings } = await analysisOf(doc);
    const config = analyses.get(doc.uri)?.config;
    const result = complete(analysis.article, params.position, { lexicon, markers: config?.markers, language: languageFor(settings) });
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
    if (wants(FIX_ALL_KIND)) {
      const edits = safeFixEdits(analysis.diagnostics);
      if (edits.length) actions.push(toFixAllAction(doc.uri, edits, language));
    }
    return actions;
  }),
);

process.on('uncaughtException', (error) => {
  connection.console.error(`arabic-news: uncaught ${error.stack ?? error.message}`);
});

documents.listen(connection);
connection.listen();
