import * as vscode from 'vscode';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { activateExtension, findings, publicationCount, waitFor } from './util';

suite('experiment', () => {
  for (const how of ['openTextDocument', 'vscode.open']) {
    test(`close via ${how}`, async () => {
      await activateExtension();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exp-'));
      const file = path.join(dir, 'a.txt');
      fs.writeFileSync(file, fs.readFileSync('/work/main/test/e2e/workspace/article-defects.txt', 'utf8'));
      const uri = vscode.Uri.file(file);
      const t0 = Date.now();
      let closedAt = 0;
      const sub = vscode.workspace.onDidCloseTextDocument((d) => { if (d.uri.toString() === uri.toString()) { closedAt = Date.now(); console.log(`  [exp] onDidClose ${d.languageId} at +${closedAt - t0}`); } });
      if (how === 'vscode.open') await vscode.commands.executeCommand('vscode.open', uri);
      else await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await waitFor(() => findings(uri), (f) => f.length === 2, 10000, 'diags');
      console.log(`  [exp] diagnostics at +${Date.now() - t0}, pubs ${publicationCount(uri)}`);
      closedAt = 0;
      const tc = Date.now();
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      try {
        await waitFor(() => vscode.languages.getDiagnostics(uri).length, (n) => n === 0, 20000, 'cleared');
        console.log(`  [exp] cleared after ${Date.now() - tc} ms; closed event after ${closedAt ? closedAt - tc : 'never'}; still in textDocuments: ${vscode.workspace.textDocuments.some(d => d.uri.toString() === uri.toString())}`);
      } finally { sub.dispose(); }
    });
  }
});
